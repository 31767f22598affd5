// Command vcsim serves govmomi's vCenter simulator (the real vSphere SOAP API at /sdk)
// for Driftline's tests. Debian ships govmomi's simulator package but no vcsim binary.
//
// It prints one JSON line on stdout once ready: {"url","thumbprint","certFile"}.
// It serves a fresh self-signed certificate (RSA 2048, SHA-256, SANs 127.0.0.1, ::1 and
// localhost): Go's built-in httptest certificate, used before, has a 1024-bit key, which
// OpenSSL 3.2+ (Node 24) refuses at its default security level.
// With -vms it creates exactly the listed VMs (name, BIOS uuid, power state) so tests
// can mirror a backup's VSphereVMs; it runs until stdin closes or it is signalled.
package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"log"
	"math/big"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/types"
)

type vmSpec struct {
	Name       string `json:"name"`
	UUID       string `json:"uuid"`
	PowerState string `json:"powerState"` // poweredOn (default) | poweredOff
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	user := flag.String("username", "user", "login user name")
	pass := flag.String("password", "pass", "login password")
	useTLS := flag.Bool("tls", true, "serve HTTPS with a self-signed certificate")
	vmsFile := flag.String("vms", "", "JSON file listing VMs to create ([{name,uuid,powerState}])")
	machines := flag.Int("machines", 2, "default simulator VMs per resource pool (0 with -vms)")
	certOut := flag.String("cert-out", "", "write the serving certificate (PEM) here")
	flag.Parse()

	model := simulator.VPX()
	model.Machine = *machines
	if *vmsFile != "" {
		model.Machine = 0
	}
	if err := model.Create(); err != nil {
		log.Fatal(err)
	}
	model.Service.Listen = &url.URL{Host: *listen, User: url.UserPassword(*user, *pass)}
	if *useTLS {
		cert, err := servingCert()
		if err != nil {
			log.Fatal(err)
		}
		model.Service.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	server := model.Service.NewServer()
	defer server.Close()

	out := map[string]string{"url": server.URL.String()}
	if *useTLS {
		cert := server.Certificate()
		sum := sha1.Sum(cert.Raw)
		out["thumbprint"] = formatThumbprint(sum[:])
		if *certOut != "" {
			pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})
			if err := ioutil.WriteFile(*certOut, pemBytes, 0o644); err != nil {
				log.Fatal(err)
			}
			out["certFile"] = *certOut
		}
	}
	if *vmsFile != "" {
		if err := createVMs(server.URL, *vmsFile); err != nil {
			log.Fatal(err)
		}
	}
	line, _ := json.Marshal(out)
	fmt.Println(string(line))
	io.Copy(ioutil.Discard, os.Stdin) // the harness closes stdin (or kills us) to stop
}

// servingCert makes a self-signed certificate shaped like a vCenter's machine certificate: an
// RSA 2048 key, SHA-256, server-auth usage and SANs for the loopback addresses. It is its own CA
// (tests trust it with the PEM written by -cert-out).
func servingCert() (tls.Certificate, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "vcsim", Organization: []string{"Driftline tests"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(7 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

func formatThumbprint(sum []byte) string {
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

func createVMs(u *url.URL, file string) error {
	data, err := ioutil.ReadFile(file)
	if err != nil {
		return err
	}
	var specs []vmSpec
	if err := json.Unmarshal(data, &specs); err != nil {
		return err
	}
	ctx := context.Background()
	c, err := govmomi.NewClient(ctx, u, true)
	if err != nil {
		return err
	}
	finder := find.NewFinder(c.Client, true)
	dc, err := finder.DefaultDatacenter(ctx)
	if err != nil {
		return err
	}
	finder.SetDatacenter(dc)
	folders, err := dc.Folders(ctx)
	if err != nil {
		return err
	}
	// VPX() has a standalone host and a cluster; place VMs in the cluster's root pool.
	pools, err := finder.ResourcePoolList(ctx, "*/Resources")
	if err != nil || len(pools) == 0 {
		return fmt.Errorf("no resource pool: %v", err)
	}
	pool := pools[len(pools)-1]
	ds, err := finder.DefaultDatastore(ctx)
	if err != nil {
		return err
	}
	for _, s := range specs {
		spec := types.VirtualMachineConfigSpec{
			Name:    s.Name,
			Uuid:    s.UUID,
			GuestId: string(types.VirtualMachineGuestOsIdentifierOtherGuest),
			Files:   &types.VirtualMachineFileInfo{VmPathName: fmt.Sprintf("[%s]", ds.Name())},
		}
		task, err := folders.VmFolder.CreateVM(ctx, spec, pool, nil)
		if err != nil {
			return err
		}
		info, err := task.WaitForResult(ctx, nil)
		if err != nil {
			return fmt.Errorf("create %s: %w", s.Name, err)
		}
		if s.PowerState == "poweredOff" {
			continue
		}
		vm := object.NewVirtualMachine(c.Client, info.Result.(types.ManagedObjectReference))
		if t, err := vm.PowerOn(ctx); err != nil {
			return err
		} else if err := t.Wait(ctx); err != nil {
			return err
		}
	}
	return c.Logout(ctx)
}

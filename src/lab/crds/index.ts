/** Loads Driftline's own CRDs (the YAML files in this folder) for the API servers the lab and the tests start. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { KubeObject } from '../../model/resource-key.js';

/** Absolute path of the folder holding the project's CRD YAML files. */
export const PROJECT_CRD_DIR: string = fileURLToPath(new URL('.', import.meta.url));

/** Every project CRD, one per `<group>_<plural>.yaml` file, sorted by file name. */
export function loadProjectCrds(): KubeObject[] {
  return readdirSync(PROJECT_CRD_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const crd = parse(readFileSync(`${PROJECT_CRD_DIR}${file}`, 'utf8')) as KubeObject;
      if (crd?.kind !== 'CustomResourceDefinition') {
        throw new Error(`lab crd file ${file} does not hold a CustomResourceDefinition`);
      }
      return crd;
    });
}

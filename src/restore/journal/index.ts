/** Journals of resumable operations (restore now, move later), kept in ConfigMaps of the target cluster. */
export {
  decodeEntries,
  decodeHeader,
  encodeEntries,
  encodeHeader,
  type JournalEntry,
  type JournalHeader,
  type JournalKind,
  type JournalPhase,
} from './codec.js';
export {
  ConfigMapJournalStore,
  type JournalClient,
  type JournalPart,
  type JournalStore,
  journalConfigMapName,
} from './configmap-store.js';
export { Journal, type JournalInit, type JournalOptions } from './journal.js';

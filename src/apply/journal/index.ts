/** Journals of resumable operations, kept in ConfigMaps of the target cluster. */
export {
  decodeEntries,
  decodeHeader,
  encodeEntries,
  encodeHeader,
  firstIssue,
  type JournalHeader,
  type JournalPhase,
  type StoredEntry,
} from './codec.js';
export {
  Journal,
  type JournalEntry,
  type JournalInit,
  type JournalKindSpec,
  type JournalOptions,
  type ReadJournal,
  readJournal,
  validate,
} from './journal.js';
export {
  ConfigMapJournalStore,
  headerText,
  type JournalClient,
  type JournalPart,
  type JournalStore,
  journalConfigMapName,
  type StoredJournal,
} from './store.js';

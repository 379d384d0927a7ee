/** Plain words for where the API key is kept, per `SettingsView.keyStorage`. */
import type { SettingsView } from '@shared/contract';

export const KEY_STORAGE_WORDS: Record<SettingsView['keyStorage'], string> = {
  'safe-storage':
    'Encrypted in your operating system’s keychain (Electron safeStorage). Never in the database or logs.',
  memory: 'In memory only: web mode forgets it when the studio stops. Never written to disk or logs.',
  env: 'Read from the SEGMIND_API_KEY environment variable when the studio started.',
  none: 'No key stored: jobs go to the offline simulator, which costs nothing.',
};

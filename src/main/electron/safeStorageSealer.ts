/* eslint-disable @typescript-eslint/no-deprecated --
   why: SecretSealer is synchronous, and Electron 45 deprecates (not removes) the synchronous
   safeStorage calls in favour of *Async ones. Data sealed here can be unsealed later by
   decryptStringAsync, so moving to the async API once SecretSealer returns promises loses nothing. */
import { safeStorage } from 'electron';
import type { SecretSealer } from '../backend/sealer';

/**
 * A SecretSealer over Electron's safeStorage (OS keychain), sealed text as base64; null when
 * the OS offers no real encryption, and then passwords are never written to disk.
 * Call after app `ready`: on Linux the keyring is only known then.
 */
export function createSafeStorageSealer(platform: NodeJS.Platform = process.platform): SecretSealer | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  // why: on Linux without a keyring Chromium falls back to 'basic_text', a key hardcoded in
  // Chromium itself; that is obfuscation, not protection, so treat it as no encryption.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    unseal: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

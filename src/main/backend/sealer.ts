/**
 * Seals secrets for storage on disk (Electron: safeStorage, backed by the OS keychain).
 * Browser mode has none, and then passwords are not stored at all.
 */
export interface SecretSealer {
  seal(plain: string): string;
  unseal(sealed: string): string;
}

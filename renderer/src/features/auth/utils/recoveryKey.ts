/** "ABCD…" -> ["ABCD", "EFGH", …]: groups of four, easy to copy by hand and to read back. */
export function groupRecoveryKey(key: string): string[] {
  return key.replace(/[\s-]/g, '').match(/.{1,4}/g) ?? []
}

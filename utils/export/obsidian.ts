/**
 * Obsidian's URI for a note that is already in the vault: `obsidian://open?vault=<name>&file=<path>`
 * (https://help.obsidian.md/Extending+Obsidian/Obsidian+URI). The note and its images are written
 * first, so nothing goes through the clipboard and no URI length limit applies.
 */
export function obsidianOpenUrl(vault: string, path: string): string {
  const params = new URLSearchParams({ vault, file: path.replace(/\.md$/i, '') });
  // Obsidian decodes %20, not +, as a space.
  return `obsidian://open?${params.toString().replace(/\+/g, '%20')}`;
}

// Replies from mail servers and APIs often quote the recipient. Failure messages end up in the job table and in
// logs, which must not hold personal data, so anything shaped like an address is blanked before it is kept.
const addressLike = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g

export function redactAddresses(text: string): string {
  return text.replace(addressLike, '(address)')
}

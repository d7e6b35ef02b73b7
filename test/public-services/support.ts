/**
 * Headers of a cache revalidating what it holds. fetch adds "Cache-Control: no-cache" to a conditional request
 * unless told otherwise, and no-cache asks for the full answer; a browser revalidating sends max-age=0.
 */
export const revalidating = (etag: string) => ({ 'if-none-match': etag, 'cache-control': 'max-age=0' });

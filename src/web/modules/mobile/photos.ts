import { uploadAttachment, type AttachmentPurpose } from '../attachments/attachments.api';

/** Longest side of a photo as sent from the phone: enough to read a meter or a crack, ~200–400 kB as JPEG. */
export const PHOTO_LONGEST_SIDE = 1600;
const JPEG_QUALITY = 0.82;
export const MAX_PHOTOS = 9;

/**
 * Shrinks a camera photo in the browser before it is uploaded (a 12-megapixel picture is 3–6 MB; on a
 * weak mobile connection that is the difference between sent and not sent). The image is drawn onto a
 * canvas at most PHOTO_LONGEST_SIDE px on its longest side and re-encoded as JPEG, which also drops the
 * EXIF block (with the GPS position the camera wrote). A file the browser cannot decode is sent as it is.
 */
export async function compressPhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  const scale = Math.min(1, PHOTO_LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) return file;
  g.fillStyle = '#fff'; // a transparent PNG becomes white, not black, as JPEG
  g.fillRect(0, 0, width, height);
  g.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  return blob && blob.size < file.size ? blob : file.type === 'image/jpeg' || !blob ? file : blob;
}

/** A photo taken on the phone, compressed, not yet uploaded. */
export interface PendingPhoto {
  id: string;
  blob: Blob;
  /** an object URL for the preview */
  url: string;
}

/** Uploads the photos one after the other (a phone's connection does better with one at a time); their ids. */
export async function uploadPhotos(photos: readonly PendingPhoto[], purpose: AttachmentPurpose): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, p] of photos.entries()) {
    const a = await uploadAttachment(p.blob, purpose, `photo-${i + 1}.jpg`);
    ids.push(a.id);
  }
  return ids;
}

export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(blob);
  });
}

/** Decoded by hand: the CSP's connect-src 'self' does not let the page load a data: URL over the network API. */
export function dataUrlToBlob(url: string): Blob {
  const [head = '', body = ''] = url.split(',', 2);
  const mime = /^data:([^;]+)/.exec(head)?.[1] ?? 'image/jpeg';
  const bin = atob(body);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/**
 * Attachments (附件): photos and documents uploaded as files, then linked to the record they belong to.
 * `purpose` says what the file is for; it decides which record kind it may be linked to.
 */
export const ATTACHMENT_PURPOSES = [
  'request', // 诉求照片 (resident / grid worker registering a request)
  'order_result', // 兑单 / 办结 evidence (鉴定证明, 现场照片)
  'patrol', // 网格巡查
  'meeting', // 联席会议 (minutes, photos)
  'case', // 未成年人保护个案材料
  // ── party-life ──
  'party_activity', // 组织生活：会议纪要、照片
  'party_check', // 工作制度落实材料
  'party_programme', // 六大工程进展佐证材料
] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** The record kinds an attachment can be linked to. */
export const ATTACHMENT_LINK_KINDS = [
  'work_order',
  'patrol',
  'meeting',
  'minor_case',
  // ── party-life ──
  'party_activity',
  'party_check',
  'party_programme',
] as const;
export type AttachmentLinkKind = (typeof ATTACHMENT_LINK_KINDS)[number];

export const PURPOSE_LINK_KIND: Record<AttachmentPurpose, AttachmentLinkKind> = {
  request: 'work_order',
  order_result: 'work_order',
  patrol: 'patrol',
  meeting: 'meeting',
  case: 'minor_case',
  // ── party-life ──
  party_activity: 'party_activity',
  party_check: 'party_check',
  party_programme: 'party_programme',
};

/** Accepted types, proven by the bytes: photos and PDF. */
export const ATTACHMENT_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'] as const;
export const ATTACHMENT_IMAGE_MIMES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
/** Largest single file (bytes); the deployment's LINLI_MAX_UPLOAD_BYTES caps it further. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** At most this many files per record step (a result, a meeting, a patrol). */
export const ATTACHMENTS_PER_STEP = 9;

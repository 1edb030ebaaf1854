import { ROLE_LABELS as LABELS } from '../../../shared/access.js';

/** Role names in Chinese, for messages, exports and the command line. */
export const ROLE_LABELS = LABELS.zh;

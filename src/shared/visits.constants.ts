/** 走访慰问: the value lists both sides need. */
/** Who was visited: a party member (老党员、困难党员) or a needy resident (困难群众). */
export const VISITEE_KINDS = ['old_member', 'needy_member', 'needy_resident'] as const;
export type VisiteeKind = (typeof VISITEE_KINDS)[number];
/** A follow-up need: open, turned into a work order, referred to a unit, or closed without either. */
export const NEED_STATUSES = ['open', 'ordered', 'referred', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

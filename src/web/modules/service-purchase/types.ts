// Shapes of the /api/purchase replies (see service-purchase.schema.ts on the server).
export type RoundStatus = 'draft' | 'open' | 'screening' | 'scoring' | 'notice' | 'awarded';
export interface Criterion {
  key: string;
  name: string;
  weight: number;
}
export interface Round {
  id: string;
  ocid: string;
  year: number;
  title: string;
  scope: string;
  eligibility: string;
  budgetCents: number;
  status: RoundStatus;
  publishedAt: string | null;
  deadlineAt: string;
  isAcceptingProposals: boolean;
  criteria: Criterion[];
  dropHighLow: boolean;
  places: number;
  passScore: number;
  noticeDays: number;
  rulesFrozen: boolean;
  scoringOpenedAt: string | null;
  noticeStartsAt: string | null;
  noticeEndsAt: string | null;
  awardedAt: string | null;
  version: number;
}
export interface Funnel {
  received: number;
  screened: number;
  shortlisted: number;
  contracted: number;
  withdrawn: number;
  byBuyer: { buyerName: string; buyerKind: 'street' | 'township'; contracts: number }[];
}
export interface Objection {
  id: string;
  proposalId: string | null;
  proposalTitle: string | null;
  filedByName: string;
  content: string;
  filedAt: string;
  answer: string | null;
  upheld: boolean | null;
  answeredAt: string | null;
}
export interface RoundDetail {
  round: Round;
  funnel: Funnel;
  jurors: { userId: string; name: string; submitted: number; expected: number }[];
  objections: Objection[];
  myJuror: boolean;
  can: {
    edit: boolean;
    editRules: boolean;
    publish: boolean;
    setJurors: boolean;
    screen: boolean;
    openScoring: boolean;
    publishNotice: boolean;
    award: boolean;
    propose: boolean;
    object: boolean;
    answerObjections: boolean;
  };
}
export interface Score {
  jurorName: string;
  version: number;
  scores: Record<string, number>;
  total: number;
  comment: string;
  submittedAt: string;
}
export interface ProposalSummary {
  id: string;
  no: string;
  roundId: string;
  title: string;
  orgName: string;
  category: string;
  budgetCents: number;
  streetName: string;
  targetCommunities: string[];
  status: 'submitted' | 'withdrawn';
  screening: 'pass' | 'fail' | null;
  screeningReason: string | null;
  finalScore: number | null;
  rank: number | null;
  result: 'recommended' | 'not_recommended' | 'disqualified' | null;
  submittedAt: string;
  version: number;
  myScore: Score | null;
  recused: boolean;
  sealed: boolean;
  submittedScores: number;
  expectedScores: number;
}
export interface ProposalDetail extends ProposalSummary {
  summary: string;
  team: { name: string; role: string; qualification?: string }[];
  budgetLines: { item: string; amountCents: number }[];
  pastDelivery: string;
  attachments: { id: string; name: string; url: string }[];
  criteria: Criterion[];
  scores: Score[] | null;
  criterionMeans: Record<string, number> | null;
  history: Score[];
}
export interface ProposalReply {
  proposal: ProposalDetail;
  can: { withdraw: boolean; screen: boolean; score: boolean; recuse: boolean };
}
export interface ContractSummary {
  id: string;
  no: string;
  roundId: string;
  proposalId: string;
  title: string;
  orgName: string;
  buyerName: string;
  buyerKind: 'street' | 'township';
  amountCents: number;
  releasedCents: number;
  status: 'pending' | 'signed' | 'completed';
  signedAt: string | null;
  activities: number;
  beneficiaries: number;
  evaluationGrade: string | null;
  version: number;
}
export interface Milestone {
  id: string;
  seq: number;
  title: string;
  dueOn: string;
  trancheCents: number;
  status: 'pending' | 'submitted' | 'accepted';
  evidence: string | null;
  reviewNote: string | null;
  releasedAt: string | null;
}
export interface ContractDetail extends ContractSummary {
  periodStart: string | null;
  periodEnd: string | null;
  targetCommunities: { id: string; name: string }[];
  milestones: Milestone[];
  deliveries: {
    id: string;
    communityName: string;
    heldOn: string;
    title: string;
    beneficiaries: number;
    note: string;
  }[];
  evaluationScore: number | null;
  evaluationComment: string | null;
}
export interface ContractReply {
  contract: ContractDetail;
  can: { sign: boolean; review: boolean; evaluate: boolean; deliver: boolean };
}
export interface Need {
  id: string;
  communityId: string;
  communityName: string;
  streetName: string;
  title: string;
  description: string;
  category: string;
  residents: number;
  createdAt: string;
}
export interface Org {
  id: string;
  name: string;
  creditCode: string;
  legalRep: string;
  intro: string;
}

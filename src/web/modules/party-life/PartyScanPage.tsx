export { PartyScanPage as default } from './MyPartyLifePage';

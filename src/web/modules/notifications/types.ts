// The notification centre's shapes, from the server's schemas (src/shared/notifications.schema.ts).
export type {
  DeadJob,
  NotificationItem,
  NotificationList,
  NotificationGroup,
  PersonalChannel,
  Preferences,
} from '../../../shared/notifications.schema';

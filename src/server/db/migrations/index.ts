import type { Migration } from 'kysely/migration';
import * as identity from './202611220600_identity';
import * as directory from './202611220700_directory';
import * as audit from './202611220800_audit';
import * as events from './202611290600_events';
import * as requests from './202611290700_requests';
import * as email from './202611290800_email';
import * as reports from './202611291000_reports';
import * as reportVersions from './202611291100_report_versions';
import * as requestSearch from './202611291110_request_search';
import * as channels from './202611291200_channels';
import * as reportNotifications from './202611291300_report_notifications';
import * as requestThreads from './202611291400_request_threads';
import * as opaqueReferences from './202612041000_opaque_references';
import * as deploymentSecrets from './202612041010_deployment_secrets';
import * as breachEscalation from './202612041900_breach_escalation';
import * as answersAndHandovers from './202612042100_answers_and_handovers';
import * as placeKinds from './202612042200_place_kinds';
import * as submissions from './202612042300_submissions';
import * as workingGroups from './202612050100_working_groups';
import * as meetings from './202612050200_meetings';
import * as commitments from './202612050300_commitments';
import * as minutes from './202612050400_minutes';
import * as commitmentFiles from './202612050600_commitment_files';
import * as minutesChangeRequests from './202612050700_minutes_change_requests';
import * as exchangeLedger from './202612050800_exchange_ledger';
import * as messageShares from './202612050900_message_shares';
import * as workingGroupSearch from './202612051000_working_group_search';

/**
 * Every migration, in order. Listed explicitly (not read from the folder) so
 * that the set is the same however the server is bundled or started.
 */
export const migrations: Record<string, Migration> = {
  '202611220600_identity': identity,
  '202611220700_directory': directory,
  '202611220800_audit': audit,
  '202611290600_events': events,
  '202611290700_requests': requests,
  '202611290800_email': email,
  '202611291000_reports': reports,
  '202611291100_report_versions': reportVersions,
  '202611291110_request_search': requestSearch,
  '202611291200_channels': channels,
  '202611291300_report_notifications': reportNotifications,
  '202611291400_request_threads': requestThreads,
  '202612041000_opaque_references': opaqueReferences,
  '202612041010_deployment_secrets': deploymentSecrets,
  '202612041900_breach_escalation': breachEscalation,
  '202612042100_answers_and_handovers': answersAndHandovers,
  '202612042200_place_kinds': placeKinds,
  '202612042300_submissions': submissions,
  '202612050100_working_groups': workingGroups,
  '202612050200_meetings': meetings,
  '202612050300_commitments': commitments,
  '202612050400_minutes': minutes,
  '202612050600_commitment_files': commitmentFiles,
  '202612050700_minutes_change_requests': minutesChangeRequests,
  '202612050800_exchange_ledger': exchangeLedger,
  '202612050900_message_shares': messageShares,
  '202612051000_working_group_search': workingGroupSearch,
};

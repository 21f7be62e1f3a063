// The web app's names for the API's shapes, all taken from the client generated from the server's route schemas
// (web/src/api-client, `npm run api:client`): a field the server stops sending stops compiling here.
import type {
  CreateRecordData,
  GetRecordResponse,
  ListRecordsResponse,
  ListReportsResponse,
  LoginData,
  LoginResponse,
  MeResponse,
  RecordHistoryResponse,
  RunReportData,
  RunReportResponse,
  TransitionRecordData,
  UpdateRecordData,
} from './api-client';
import type { RuleResults } from '../../platform/evaluation';

export type Me = MeResponse;
export type LoginBody = LoginData['body'];
export type LoginAnswer = LoginResponse;

/** The server declares `results` an open object (its values are the plugin's); the app reads it with the shared rule engine's type. */
export type RecordView = Omit<GetRecordResponse, 'results'> & { results: RuleResults };
/** A row of a list or the queue: no data, no rule results (GET /api/records/:id has those). */
export type RecordSummary = ListRecordsResponse['items'][number];
export type RecordPage = ListRecordsResponse;
export type HistoryEvent = RecordHistoryResponse['events'][number];
export type CreateRecordBody = CreateRecordData['body'];
export type UpdateRecordBody = UpdateRecordData['body'];
export type TransitionBody = TransitionRecordData['body'];

export type ReportDescriptionView = ListReportsResponse['reports'][number];
export type ReportResultView = RunReportResponse;
export type ReportQuery = NonNullable<RunReportData['query']>;

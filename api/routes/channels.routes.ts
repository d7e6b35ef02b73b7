import { Router, type Response } from 'express';
import { Forbidden } from '../../core/errors.ts';
import type { CaseRecord } from '../../core/case/case-types.ts';
import { submitReport, type SubmitReportDeps, type SubmittedReport } from '../../core/case/submit-report.ts';
import { hotlineCallReport, iotAlarmReport, videoDetectionReport, type HotlineCall, type IotAlarm, type VideoDetection } from '../../core/channels/channel-reports.ts';
import { loadConfidenceThresholds, type ConfidenceThresholds } from '../../core/channels/confidence-thresholds.ts';
import { reportOnce } from '../../core/channels/report-once.ts';
import type { ApiKeyChannel } from '../../core/identity/api-keys.ts';
import { hasRole, type Principal } from '../../core/identity/roles.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { bodyValidator } from '../http/validate.ts';
import { reportSchema } from './cases.routes.ts';

const reportFields = reportSchema.properties;
const eventId = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' };
const classified = { classCode: reportFields.classCode, classKind: reportFields.classKind, location: reportFields.location };

const videoDetectionSchema = {
  type: 'object',
  required: ['eventId', 'classCode', 'cameraId', 'confidence', 'location', 'detectedAt'],
  additionalProperties: false,
  properties: {
    eventId,
    ...classified,
    cameraId: { type: 'string', minLength: 1, maxLength: 100 },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    snapshotAttachmentId: { type: 'string', format: 'uuid' },
    detectedAt: { type: 'string', format: 'date-time' },
    description: reportFields.description,
  },
};

const iotAlarmSchema = {
  type: 'object',
  required: ['eventId', 'sensorId', 'alarmType', 'classCode', 'location', 'at'],
  additionalProperties: false,
  properties: {
    eventId,
    ...classified,
    sensorId: { type: 'string', minLength: 1, maxLength: 100 },
    alarmType: { type: 'string', minLength: 1, maxLength: 100 },
    value: { type: 'number' },
    at: { type: 'string', format: 'date-time' },
    description: reportFields.description,
  },
};

const hotlineCallSchema = {
  type: 'object',
  required: ['callId', 'callerNumber', 'classCode', 'description', 'location'],
  additionalProperties: false,
  properties: {
    callId: eventId,
    callerNumber: reportFields.reporter.properties.phone,
    callerName: reportFields.reporter.properties.name,
    ...classified,
    description: reportFields.description,
    address: reportFields.address,
    urgency: reportFields.urgency,
    attachmentIds: reportFields.attachmentIds,
  },
};

const parseVideoDetection = bodyValidator<VideoDetection>(videoDetectionSchema);
const parseIotAlarm = bodyValidator<IotAlarm>(iotAlarmSchema);
const parseHotlineCall = bodyValidator<HotlineCall>(hotlineCallSchema);

/** Machine channels answer only to their own kind of API key. */
export function requireChannel(res: Response, channel: ApiKeyChannel): Principal {
  const principal = principalOf(res);
  if (principal.kind !== 'api-key' || principal.channel !== channel) {
    throw new Forbidden(`this endpoint takes reports from API keys of channel "${channel}" only`);
  }
  return principal;
}

/** 201 with the new case, or 200 with the case the first delivery made. */
function sendReceived(res: Response, received: { case: CaseRecord; created: boolean }): void {
  res.status(received.created ? 201 : 200).location(`/api/v1/cases/${received.case.id}`).json(received.case);
}

export interface ChannelRoutesDeps extends SubmitReportDeps {
  thresholds?: ConfidenceThresholds;
}

export function channelRoutes(deps: ChannelRoutesDeps): Router {
  const router = Router();
  const thresholds = deps.thresholds ?? loadConfidenceThresholds();
  const receive = (principal: Principal, sender: string, id: string, report: SubmittedReport) =>
    reportOnce(deps.db, sender, id, () => submitReport(deps, principal, report));

  router.post('/channels/video-detections', async (req, res) => {
    const principal = requireChannel(res, 'video');
    const detection = parseVideoDetection(req.body);
    const report = videoDetectionReport(detection, thresholds.video(detection.classCode));
    sendReceived(res, await receive(principal, `api-key:${principal.id}`, detection.eventId, report));
  });

  router.post('/channels/iot-alarms', async (req, res) => {
    const principal = requireChannel(res, 'iot');
    const alarm = parseIotAlarm(req.body);
    sendReceived(res, await receive(principal, `api-key:${principal.id}`, alarm.eventId, iotAlarmReport(alarm)));
  });

  router.post('/channels/hotline-calls', async (req, res) => {
    const principal = principalOf(res);
    const operator = principal.kind === 'user' ? hasRole(principal, 'acceptor', 'shift-leader', 'admin') : principal.channel === 'hotline';
    if (!operator) throw new Forbidden('hotline calls are entered by acceptors or the hotline system\'s API key');
    const call = parseHotlineCall(req.body);
    // One call is one case whoever enters it: the call id comes from the 12319 telephone system.
    sendReceived(res, await receive(principal, 'hotline', call.callId, hotlineCallReport(call)));
  });

  return router;
}

const received = { 200: 'The case this event made when it was first delivered', 201: 'The new case', 401: 'Unknown or revoked API key',
  403: 'Not this channel\'s API key', 409: 'The same event is being received right now: retry', 413: 'Body larger than 1 MB',
  422: 'Invalid input, unknown class, or outside every grid' };

export const channelOperations: Operation[] = [
  { method: 'post', path: '/channels/video-detections', tag: 'channels',
    summary: '视频智能识别 A video-AI detection becomes a case, once per eventId; below its class\'s confidence threshold it is flagged for a human to confirm',
    access: 'signed-in', body: videoDetectionSchema, responses: received },
  { method: 'post', path: '/channels/iot-alarms', tag: 'channels', summary: '物联感知 An IoT sensor alarm becomes a case, once per eventId',
    access: 'signed-in', body: iotAlarmSchema, responses: received },
  { method: 'post', path: '/channels/hotline-calls', tag: 'channels', summary: '12319 热线 A call entered by an acceptor (or the hotline system) becomes a case, once per callId',
    access: ['acceptor', 'shift-leader', 'admin'], body: hotlineCallSchema, responses: received },
];

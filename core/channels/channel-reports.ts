import type { ReportedLocation } from '../grids/coordinates.ts';
import type { ClassKind } from '../ports/standards.ts';
import type { Urgency } from '../case/case-types.ts';
import type { SubmittedReport } from '../case/submit-report.ts';

interface ClassifiedEvent {
  classCode: string;
  classKind?: ClassKind;
  location: ReportedLocation;
  description?: string;
}

export interface VideoDetection extends ClassifiedEvent {
  eventId: string;
  cameraId: string;
  /** The model's confidence, 0..1. */
  confidence: number;
  snapshotAttachmentId?: string;
  detectedAt: string;
}

export interface IotAlarm extends ClassifiedEvent {
  eventId: string;
  sensorId: string;
  alarmType: string;
  value?: number;
  at: string;
}

export interface HotlineCall extends ClassifiedEvent {
  callId: string;
  callerNumber: string;
  callerName?: string;
  description: string;
  address?: string;
  urgency?: Urgency;
  attachmentIds?: string[];
}

const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;

/**
 * 视频智能识别: a detection below its class's threshold is still reported, but marked so the acceptor confirms it
 * on the snapshot before registering (a false positive then costs one look, not a dispatch).
 */
export function videoDetectionReport(detection: VideoDetection, threshold: number): SubmittedReport {
  const needsHumanConfirmation = detection.confidence < threshold;
  return {
    source: 'video',
    classKind: detection.classKind,
    classCode: detection.classCode,
    description:
      detection.description ?? `视频智能识别：摄像头 ${detection.cameraId} 于 ${detection.detectedAt} 识别到问题（置信度 ${percent(detection.confidence)}）`,
    location: detection.location,
    attachmentIds: detection.snapshotAttachmentId ? [detection.snapshotAttachmentId] : [],
    reporter: {
      eventId: detection.eventId,
      cameraId: detection.cameraId,
      confidence: detection.confidence,
      confidenceThreshold: threshold,
      needsHumanConfirmation,
      detectedAt: detection.detectedAt,
    },
  };
}

/** 物联感知: a sensor's alarm, with the reading that raised it. */
export function iotAlarmReport(alarm: IotAlarm): SubmittedReport {
  const reading = alarm.value === undefined ? '' : `，读数 ${alarm.value}`;
  return {
    source: 'iot',
    classKind: alarm.classKind,
    classCode: alarm.classCode,
    description: alarm.description ?? `物联感知告警：传感器 ${alarm.sensorId} 于 ${alarm.at} 报 ${alarm.alarmType}${reading}`,
    location: alarm.location,
    reporter: {
      eventId: alarm.eventId,
      sensorId: alarm.sensorId,
      alarmType: alarm.alarmType,
      ...(alarm.value === undefined ? {} : { value: alarm.value }),
      alarmedAt: alarm.at,
    },
  };
}

/** 12319 热线: the operator's record of a call. */
export function hotlineCallReport(call: HotlineCall): SubmittedReport {
  return {
    source: 'hotline',
    classKind: call.classKind,
    classCode: call.classCode,
    description: call.description,
    location: call.location,
    address: call.address,
    urgency: call.urgency,
    attachmentIds: call.attachmentIds,
    reporter: { callId: call.callId, phone: call.callerNumber, ...(call.callerName ? { name: call.callerName } : {}) },
  };
}

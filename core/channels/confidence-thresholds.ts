import { fileURLToPath } from 'node:url';
import { displayPath, readValidatedJson, StandardsDataError } from '../../standards/validated-json.ts';

export const thresholdsFile = fileURLToPath(new URL('../../standards/datasets/channels/thresholds.json', import.meta.url));
const schemaFile = fileURLToPath(new URL('../../standards/schema/channel-thresholds.schema.json', import.meta.url));

interface ThresholdsFile {
  video: { default: number; classes: Array<{ classCode: string; threshold: number }> };
}

export interface ConfidenceThresholds {
  /** The confidence a video detection of this class needs to go ahead without a human confirming it. */
  video(classCode: string): number;
}

/** Loads the thresholds data file; a class listed twice is a data error, not a silent override. */
export function loadConfidenceThresholds(file = thresholdsFile): ConfidenceThresholds {
  const data = readValidatedJson<ThresholdsFile>(file, schemaFile);
  const byClass = new Map<string, number>();
  data.video.classes.forEach((entry, index) => {
    if (byClass.has(entry.classCode)) {
      throw new StandardsDataError(displayPath(file), `/video/classes/${index}/classCode`, 'unique-class', `class ${entry.classCode} is listed twice`);
    }
    byClass.set(entry.classCode, entry.threshold);
  });
  return { video: (classCode) => byClass.get(classCode) ?? data.video.default };
}

import type { ErrorObject } from 'ajv';
import { Invalid } from '../errors.ts';

/** The dotted path of the field an ajv error is about (a missing or unknown property included). */
export function fieldOfSchemaError(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const path = error.instancePath.split('/').filter(Boolean);
  if (params.missingProperty) path.push(params.missingProperty);
  if (params.additionalProperty) path.push(params.additionalProperty);
  return path.join('.');
}

const typesZh: Record<string, string> = {
  string: '文本', number: '数字', integer: '整数', boolean: '是/否', array: '列表', object: '对象', null: '空值',
};

/** The Chinese a clerk reads for an ajv error about `name`; ajv's own English stays in the message. */
function detailZhOf(error: ErrorObject, name: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': return `不认识的字段“${String(params.additionalProperty)}”`;
    case 'required': return `缺少必填项 ${name}`;
    case 'enum': return `${name} 只能取 ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join('、')} 之一`;
    case 'const': return `${name} 只能是 ${JSON.stringify(params.allowedValue)}`;
    case 'type': return `${name} 应为${String(params.type).split(',').map((t) => typesZh[t] ?? t).join('或')}`;
    case 'minLength': return `${name} 至少 ${String(params.limit)} 个字`;
    case 'maxLength': return `${name} 不能超过 ${String(params.limit)} 个字`;
    case 'minimum': case 'exclusiveMinimum': return `${name} 不能小于${error.keyword === 'exclusiveMinimum' ? '等于' : ''} ${String(params.limit)}`;
    case 'maximum': case 'exclusiveMaximum': return `${name} 不能大于${error.keyword === 'exclusiveMaximum' ? '等于' : ''} ${String(params.limit)}`;
    case 'minItems': return `${name} 至少要有 ${String(params.limit)} 项`;
    case 'maxItems': return `${name} 最多 ${String(params.limit)} 项`;
    case 'uniqueItems': return `${name} 中有重复项`;
    case 'minProperties': return `${name} 不能为空`;
    case 'maxProperties': return `${name} 的字段过多`;
    case 'format': return `${name} 的格式不对（应为 ${String(params.format)}）`;
    case 'pattern': return `${name} 的格式不对`;
    default: return `${name} 填写有误`;
  }
}

/** An ajv error as the Invalid a user reads: "<where>: <field> is required", with the field named. */
export function invalidFromSchemaError(error: ErrorObject | undefined, where: string): Invalid {
  if (!error) return new Invalid(`${where} is invalid`, { detailZh: '输入有误' });
  const field = fieldOfSchemaError(error) || undefined;
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  const name = field ?? where;
  let detail: string;
  if (error.keyword === 'additionalProperties') detail = `unknown field "${params.additionalProperty}"`;
  else if (error.keyword === 'required') detail = `${name} is required`;
  else if (error.keyword === 'enum') detail = `${name} must be one of ${JSON.stringify(params.allowedValues)}`;
  else detail = `${name} ${error.message ?? 'is invalid'}`;
  return new Invalid(`${where}: ${detail}`, { field, detailZh: detailZhOf(error, field ?? (where === 'query' ? '查询参数' : '请求内容')) });
}

import { evaluate, parseExpression } from 'feelin';
import { Invalid } from '../../../core/errors.ts';
import type { Variables } from '../../../core/ports/engine.ts';

/** Zeebe marks FEEL with a leading '='; anything else is a literal. */
export function isFeel(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}

/**
 * Evaluates a FEEL expression (with or without its leading '=') against the variables. Temporal values become
 * ISO strings, which is what timers and the user_task table take.
 */
export function evaluateFeel(expression: string, variables: Variables): unknown {
  const body = expression.startsWith('=') ? expression.slice(1) : expression;
  return plain(evaluate(body, variables).value);
}

function plain(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value ?? null;
  if (Array.isArray(value)) return value.map(plain);
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === Object.prototype || prototype === null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plain(entry)]));
  }
  return String(value);
}

/** A literal or a FEEL expression, whichever the attribute holds. */
export function resolveValue(value: string, variables: Variables): unknown {
  return isFeel(value) ? evaluateFeel(value, variables) : value;
}

/**
 * feelin parses some malformed expressions without an error node and then evaluates them to null silently
 * (`decision = = "x"` reads as a comparison with a unary test), so both are refused here, at deploy time.
 */
export function validateFeel(expression: string, where: string): void {
  const body = expression.slice(1);
  let problem: string | null = body.trim() === '' ? 'is empty' : null;
  try {
    parseExpression(body, {}, undefined).iterate({
      enter(node) {
        if (node.type.isError) problem ??= `does not parse at offset ${node.from}`;
        if (node.name === 'SimplePositiveUnaryTest' && node.node.parent?.name === 'Comparison') {
          problem ??= `has a dangling comparison at offset ${node.from}`;
        }
      },
    });
  } catch (error) {
    problem = (error as Error).message;
  }
  if (problem) throw new Invalid(`FEEL expression ${JSON.stringify(expression)} ${problem}`, { field: where });
}

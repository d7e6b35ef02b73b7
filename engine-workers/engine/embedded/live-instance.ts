import type { Clock } from '../../../core/ports/clock.ts';
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { Environment } from 'bpmn-elements';
import { Invalid } from '../../../core/errors.ts';
import type { Variables } from '../../../core/ports/engine.ts';
import { isFeel, evaluateFeel } from './feel.ts';
import type { LoadedDefinition } from './definitions.ts';
import { zeebeModdle } from './definitions.ts';

/**
 * One bpmn-engine Engine for the length of one step: recovered from the saved state, advanced, saved and dropped.
 * Nothing here outlives the step: timers are recorded instead of armed (the host keeps them as rows and fires
 * them), and service tasks hand their callback to the host instead of running anything.
 */

/** bpmn-elements 17.3 copies the run message's fields into the variables and the saved state. */
const leakedKeys = ['fields', 'content', 'properties'];

export function withoutLeaks(variables: Variables): Variables {
  const clean = { ...variables };
  for (const key of leakedKeys) delete clean[key];
  return clean;
}

const silent = () => undefined;
/**
 * bpmn-engine's default logger makes a `debug` logger per activity and flow each time an instance is built or
 * recovered, and `debug` asks the terminal about colours for each one: a tenth of a step's CPU. It is kept when
 * DEBUG asks for bpmn-engine's output.
 */
const logger = process.env.DEBUG?.includes('bpmn') ? undefined : () => ({ debug: silent, error: silent, warn: silent });

export interface ArmedTimer {
  executionId: string;
  elementId: string;
  delayMs: number;
  /** Its due time is stored: armed again while the saved state was resumed, or saved by an earlier step. */
  resumed: boolean;
  fire: () => void;
}

interface ServiceCall {
  elementId: string;
  callback: (error: Error | null, output?: unknown) => void;
}

export interface Waiting {
  elementId: string;
  executionId: string;
}

interface ActivityLike {
  id: string;
  type: string;
  behaviour: Record<string, unknown>;
  environment: EnvironmentLike;
}

interface EnvironmentLike {
  variables: Variables;
  assignVariables(variables: Variables): void;
}

interface ApiLike {
  id: string;
  type: string;
  executionId: string;
  signal(message?: unknown): void;
}

interface ProcessLike {
  environment: EnvironmentLike;
}

interface DefinitionLike {
  getRunningProcesses(): ProcessLike[];
  getProcesses(): ProcessLike[];
}

interface ExecutionLike {
  definitions: DefinitionLike[];
  getPostponed(): ApiLike[];
}

const defaultExpressions = new Environment().expressions as {
  resolveExpression(expression: unknown, context: unknown, fnContext?: unknown): unknown;
};

/** Routes Zeebe's `=` expressions (conditions, timers) to feelin; anything else to bpmn-elements' own. */
const expressions = {
  ...defaultExpressions,
  resolveExpression(expression: unknown, context: { environment?: EnvironmentLike }, fnContext?: unknown): unknown {
    if (isFeel(expression)) return evaluateFeel(expression, withoutLeaks(context.environment?.variables ?? {}));
    return defaultExpressions.resolveExpression(expression, context, fnContext);
  },
};

type TimerOwner = { id: string; executionId: string };

// Counts LiveInstance objects not yet garbage collected, so a test can prove that steps keep no engine alive.
let loaded = 0;
const collected = new FinalizationRegistry<void>(() => {
  loaded--;
});

export function loadedInstanceCount(): number {
  return loaded;
}

export class LiveInstance {
  readonly timers = new Map<string, ArmedTimer>();
  private readonly services = new Map<string, ServiceCall>();
  private readonly engine: Engine;
  private resuming = true;
  private ended = false;
  private failure: Error | null = null;
  private lastVariables: Variables = {};

  private constructor(definition: LoadedDefinition, clock: Clock) {
    loaded++;
    collected.register(this);
    const timerRefs = new Set<ArmedTimer>();
    const arm = (owner: TimerOwner | undefined, callback: (...args: unknown[]) => void, delay: number, args: unknown[]) => {
      if (!owner) throw new Error('bpmn-elements armed a timer without an owner; the host cannot persist it');
      const timer: ArmedTimer = {
        executionId: owner.executionId,
        elementId: owner.id,
        delayMs: Math.max(0, delay),
        resumed: this.resuming,
        fire: () => {
          this.disarm(timer, timerRefs);
          callback(...args);
        },
      };
      timerRefs.add(timer);
      this.timers.set(timer.executionId, timer);
      return timer;
    };
    const disarm = (ref: unknown) => this.disarm(ref as ArmedTimer, timerRefs);
    const timers = {
      register: (owner: TimerOwner) => ({
        setTimeout: (callback: (...args: unknown[]) => void, delay: number, ...args: unknown[]) => arm(owner, callback, delay, args),
        clearTimeout: disarm,
      }),
      setTimeout: (callback: (...args: unknown[]) => void, delay: number, ...args: unknown[]) => arm(undefined, callback, delay, args),
      clearTimeout: disarm,
      now: () => clock.now(),
      get executing() {
        return [...timerRefs];
      },
    };
    const services = this.services;
    class JobService {
      constructor(private readonly activity: ActivityLike) {}
      execute(message: { content: { executionId: string } }, callback: ServiceCall['callback']) {
        services.set(message.content.executionId, { elementId: this.activity.id, callback });
      }
    }
    const extensions = {
      zeebeJobs(activity: ActivityLike) {
        if (definition.elements[activity.id]?.job) activity.behaviour.Service = JobService;
        return { activate() {}, deactivate() {} };
      },
    };
    this.engine = new Engine({
      name: definition.processId,
      sourceContext: definition.sourceContext,
      moddleOptions: { zeebe: zeebeModdle },
      settings: { disableTrackState: true },
      ...(logger && { Logger: logger }),
      expressions,
      extensions,
      timers,
    } as unknown as ConstructorParameters<typeof Engine>[0]);
    this.engine.on('end', () => {
      this.lastVariables = this.variables();
      this.ended = true;
    });
    this.engine.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  private disarm(timer: ArmedTimer | undefined, refs: Set<ArmedTimer>): undefined {
    if (!timer) return undefined;
    refs.delete(timer);
    if (this.timers.get(timer.executionId) === timer) this.timers.delete(timer.executionId);
    return undefined;
  }

  static async start(definition: LoadedDefinition, variables: Variables, clock: Clock): Promise<LiveInstance> {
    const live = new LiveInstance(definition, clock);
    live.resuming = false;
    await live.engine.execute({ listener: new EventEmitter(), variables } as never);
    await live.settle();
    return live;
  }

  static async resume(definition: LoadedDefinition, state: unknown, clock: Clock): Promise<LiveInstance> {
    const live = new LiveInstance(definition, clock);
    live.engine.recover(state as never);
    await live.engine.resume({ listener: new EventEmitter() } as never);
    await live.settle();
    live.resuming = false;
    return live;
  }

  /**
   * bpmn-elements advances synchronously; one turn of the event loop lets anything it deferred run. A process
   * that cannot go on (e.g. no outgoing flow matches) fails the step, which then rolls back.
   */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failure) throw new Invalid(`the process cannot continue: ${this.failure.message}`, { cause: this.failure });
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private get execution(): ExecutionLike {
    return this.engine.execution as unknown as ExecutionLike;
  }

  private processEnvironment(): EnvironmentLike | undefined {
    const definition = this.execution.definitions[0];
    return definition?.getRunningProcesses()[0]?.environment ?? definition?.getProcesses()[0]?.environment;
  }

  /** The process scope. */
  variables(): Variables {
    if (this.ended) return this.lastVariables;
    return withoutLeaks(this.processEnvironment()?.variables ?? {});
  }

  assignVariables(variables: Variables): void {
    this.processEnvironment()?.assignVariables(withoutLeaks(variables));
  }

  /** Activities the instance waits in (user tasks, jobs, message catches, timers), with their executions. */
  waiting(): Waiting[] {
    if (this.ended) return [];
    return this.execution.getPostponed().map((api) => ({ elementId: api.id, executionId: api.executionId }));
  }

  /** Completes a wait (user task, message catch) by its execution id. */
  signal(executionId: string): boolean {
    const api = this.execution.getPostponed().find((candidate) => candidate.executionId === executionId);
    if (!api) return false;
    api.signal({});
    return true;
  }

  fireTimer(executionId: string): boolean {
    const timer = this.timers.get(executionId);
    if (!timer) return false;
    timer.fire();
    return true;
  }

  completeJob(executionId: string): boolean {
    const call = this.services.get(executionId);
    if (!call) return false;
    this.services.delete(executionId);
    call.callback(null);
    return true;
  }

  /** Throws a BPMN error from the job's service task; bpmn-elements matches boundary events on `code`. */
  throwJobError(executionId: string, errorCode: string, message: string): boolean {
    const call = this.services.get(executionId);
    if (!call) return false;
    this.services.delete(executionId);
    call.callback(Object.assign(new Error(message), { code: errorCode }));
    return true;
  }

  /** After a save: every timer armed so far has its due time stored, which a later step must keep. */
  markSaved(): void {
    for (const timer of this.timers.values()) timer.resumed = true;
  }

  /** The state to store: without the definition (it is in engine_process_definition) and without leaked fields. */
  async savedState(): Promise<unknown> {
    const state = (await this.engine.getState()) as unknown as { definitions: Array<Record<string, unknown>> };
    for (const definition of state.definitions) delete definition.source;
    stripLeaks(state);
    return state;
  }
}

function stripLeaks(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach(stripLeaks);
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'variables' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const leaked of leakedKeys) delete (value as Record<string, unknown>)[leaked];
    } else if (key === 'environment' || key === 'execution' || key === 'processes' || key === 'definitions' || key === 'children') {
      stripLeaks(value);
    }
  }
}

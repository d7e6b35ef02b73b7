import type { CamundaRestClient } from '@camunda8/sdk';
import type { DiagramElements } from '../embedded/diagram-elements.ts';
import { BUSINESS_KEY_VARIABLE } from './business-key.ts';
import { readDiagramElements } from './diagram-facts.ts';

/** Enough for the open instances one poll sees; older entries are looked up again when needed. */
const MAX_CACHED_INSTANCES = 10_000;

/**
 * Facts the search results leave out, looked up once and cached: an instance's business key (its caseId
 * variable) and a definition's zeebe:* elements (for form ids and job retries). Definitions never change; a
 * business key is cached only once found, because the search API may not have seen a new instance yet.
 */
export class ClusterLookups {
  private readonly businessKeys = new Map<string, string>();
  private readonly definitions = new Map<string, Promise<DiagramElements>>();

  constructor(private readonly rest: () => CamundaRestClient) {}

  rememberBusinessKey(instanceKey: string, businessKey: string): void {
    if (this.businessKeys.size >= MAX_CACHED_INSTANCES) {
      const oldest = this.businessKeys.keys().next();
      if (!oldest.done) this.businessKeys.delete(oldest.value);
    }
    this.businessKeys.set(instanceKey, businessKey);
  }

  forgetInstance(instanceKey: string): void {
    this.businessKeys.delete(instanceKey);
  }

  async businessKeyOf(instanceKey: string): Promise<string> {
    const cached = this.businessKeys.get(instanceKey);
    if (cached !== undefined) return cached;
    const { items } = await this.rest().searchVariables({
      filter: { processInstanceKey: instanceKey, scopeKey: instanceKey, name: BUSINESS_KEY_VARIABLE },
      page: { from: 0, limit: 1 },
    });
    const found = items[0];
    if (!found) return '';
    // Variable values come back as JSON text ("\"C-2024-0001\"").
    const value: unknown = JSON.parse(found.value);
    const businessKey = value === null ? '' : String(value);
    this.rememberBusinessKey(instanceKey, businessKey);
    return businessKey;
  }

  rememberDefinition(processDefinitionKey: string, elements: DiagramElements): void {
    this.definitions.set(processDefinitionKey, Promise.resolve(elements));
  }

  elementsOf(processDefinitionKey: string): Promise<DiagramElements> {
    let elements = this.definitions.get(processDefinitionKey);
    if (!elements) {
      elements = this.rest()
        .getProcessDefinitionXML(processDefinitionKey)
        .then((xml) => readDiagramElements(xml, `process definition ${processDefinitionKey}`));
      // A failed fetch is not remembered: the next poll tries again.
      elements.catch(() => this.definitions.delete(processDefinitionKey));
      this.definitions.set(processDefinitionKey, elements);
    }
    return elements;
  }
}

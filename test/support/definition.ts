// The app definition as Zapier's editor and reviewers read it: each operation's display, fields, sample, lock and
// throttle, looked up by kind and key (an unregistered key fails the test, rather than reading undefined).

import { App, type OperationKind } from './app';

export interface FieldDefinition {
  key: string;
  label?: string;
  type?: string;
  helpText?: string;
  required?: boolean;
  dynamic?: string;
  search?: string;
  choices?: unknown;
  children?: FieldDefinition[];
}

export interface OperationDefinition {
  key: string;
  noun: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: {
    inputFields?: FieldDefinition[];
    outputFields?: FieldDefinition[];
    sample?: Record<string, unknown>;
    canPaginate?: boolean;
    lock?: { key: string; scope?: string[]; timeout?: number };
    throttle?: { key?: string; window: number; limit: number; scope?: string[]; retry?: boolean };
  };
}

/** Every operation of one kind, as registered in index.ts. */
export function definitionsOf(kind: OperationKind): OperationDefinition[] {
  return Object.values((App[kind] ?? {}) as unknown as Record<string, OperationDefinition>);
}

/** One registered operation's definition. */
export function definitionOf(kind: OperationKind, key: string): OperationDefinition {
  const found = (App[kind] as unknown as Record<string, OperationDefinition> | undefined)?.[key];
  if (!found) throw new Error(`${kind}.${key} is not registered in index.ts`);
  return found;
}

/** One input field of an operation, by key. */
export const inputField = (kind: OperationKind, key: string, field: string): FieldDefinition | undefined =>
  definitionOf(kind, key).operation.inputFields?.find((f) => f.key === field);

/** The keys of an operation's output fields, sorted (what its sample and its real result must have). */
export const outputKeys = (kind: OperationKind, key: string): string[] =>
  (definitionOf(kind, key).operation.outputFields ?? []).map((field) => field.key).sort();

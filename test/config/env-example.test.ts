import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { environmentVariableNames } from '../../src/config/environment-schema.ts';

describe('.env.example', () => {
  // Uncommenting every `#NAME=value` line gives the variables the file documents.
  const documented = Object.keys(
    parseEnv(readFileSync('.env.example', 'utf8').replace(/^#(?=[A-Za-z_]+=)/gm, '')),
  );

  it('documents every setting License Desk reads, and no other', () => {
    expect([...documented].sort()).toEqual([...environmentVariableNames].sort());
  });
});

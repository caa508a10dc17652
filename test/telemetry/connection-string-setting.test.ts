import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const VALID =
  'InstrumentationKey=4b2f8c1e-3d5a-4e6f-8a7b-9c0d1e2f3a4b;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/;ApplicationId=0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

const problemsOf = (value: string): string[] => {
  try {
    loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: value });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
};

describe('APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
  it('is absent from the config when unset (telemetry off)', () => {
    expect(loadConfig({})).not.toHaveProperty('applicationInsightsConnectionString');
  });

  it('is taken as the portal gives it', () => {
    expect(
      loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: VALID })
        .applicationInsightsConnectionString,
    ).toBe(VALID);
  });

  it.each([
    ['an instrumentation key alone', '4b2f8c1e-3d5a-4e6f-8a7b-9c0d1e2f3a4b'],
    ['no ingestion endpoint', 'InstrumentationKey=4b2f8c1e-3d5a-4e6f-8a7b-9c0d1e2f3a4b'],
    [
      'a key that is not a GUID',
      'InstrumentationKey=abc;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
    ],
    [
      'an http endpoint',
      'InstrumentationKey=4b2f8c1e-3d5a-4e6f-8a7b-9c0d1e2f3a4b;IngestionEndpoint=http://example.com/',
    ],
  ])('is refused with %s, saying where to copy it from', (_case, value) => {
    expect(problemsOf(value)).toEqual([
      expect.stringMatching(
        /^APPLICATIONINSIGHTS_CONNECTION_STRING: is not an Application Insights connection string\. Copy it/,
      ),
    ]);
  });
});

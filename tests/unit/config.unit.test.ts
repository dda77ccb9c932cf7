import path from 'node:path';
import { ConfigError, loadConfig } from '../../shared/config';
import { loadPartnerSettings } from '../../shared/partner/settings';
import { loadSocialcareSettings } from '../../subgraphs/socialcare/settings';

describe('loadConfig', () => {
  it('falls back to the development issuer and generated keys under the data directory', () => {
    expect(loadConfig({ MASH_DATA_DIR: '/tmp/mash-data' }).auth).toEqual({
      userJwks: '/tmp/mash-data/keys/dev-issuer/jwks.json',
      issuer: 'mash-dev-issuer',
      audience: 'mash-gateway',
      internalSigningKey: '/tmp/mash-data/keys/internal/private.jwk.json',
      internalJwks: '/tmp/mash-data/keys/internal/jwks.json',
      grantSigningKey: '/tmp/mash-data/keys/relationship-grant/private.jwk.json',
      grantJwks: '/tmp/mash-data/keys/relationship-grant/jwks.json',
      devKeysDir: '/tmp/mash-data/keys',
    });
  });

  it('never falls back to development keys in production', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', INTERNAL_JWKS: '/run/keys/jwks.json' }).auth,
    ).toEqual({
      userJwks: null,
      issuer: 'mash-dev-issuer',
      audience: 'mash-gateway',
      internalSigningKey: null,
      internalJwks: '/run/keys/jwks.json',
      grantSigningKey: null,
      grantJwks: null,
      devKeysDir: null,
    });
  });

  it('refuses a plain-http JWKS URL in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', AUTH_JWKS: 'http://idp.example/jwks.json' }),
    ).toThrow('AUTH_JWKS: must be a file or an https:// URL when NODE_ENV=production');
  });

  it('uses the identity provider and keys it is given', () => {
    const config = loadConfig({
      AUTH_JWKS: 'https://idp.example/.well-known/jwks.json',
      AUTH_ISSUER: 'https://idp.example/',
      AUTH_AUDIENCE: 'mash',
      INTERNAL_SIGNING_KEY: '/run/keys/private.jwk.json',
      INTERNAL_JWKS: '/run/keys/jwks.json',
      GRANT_SIGNING_KEY: '/run/keys/grant.jwk.json',
      GRANT_JWKS: 'https://socialcare.example/grant-jwks.json',
    });
    expect(config.auth).toEqual({
      userJwks: 'https://idp.example/.well-known/jwks.json',
      issuer: 'https://idp.example/',
      audience: 'mash',
      internalSigningKey: '/run/keys/private.jwk.json',
      internalJwks: '/run/keys/jwks.json',
      grantSigningKey: '/run/keys/grant.jwk.json',
      grantJwks: 'https://socialcare.example/grant-jwks.json',
      devKeysDir: null,
    });
  });

  it('runs every subgraph on the embedded cluster under the data directory, each with its own database and roles, when no database URL is set', () => {
    const config = loadConfig({ MASH_DATA_DIR: '/tmp/mash-data' });
    expect(config.subgraphs.police.database).toEqual({
      kind: 'embedded',
      clusterDir: path.join('/tmp/mash-data', 'postgres'),
      names: {
        database: 'mash_police',
        ownerRole: 'mash_police_owner',
        serviceRole: 'mash_police',
      },
    });
  });

  it('runs migrations as the owner role a subgraph is given, and serves as its service role', () => {
    const config = loadConfig({
      POLICE_DATABASE_URL: 'postgres://mash_police@db/mash_police',
      POLICE_OWNER_DATABASE_URL: 'postgres://mash_police_owner@db/mash_police',
    });
    expect(config.subgraphs.police.database).toEqual({
      kind: 'postgres',
      url: 'postgres://mash_police@db/mash_police',
      ownerUrl: 'postgres://mash_police_owner@db/mash_police',
    });
  });

  it('refuses an owner URL without the service URL it would migrate for', () => {
    expect(() =>
      loadConfig({ HEALTH_OWNER_DATABASE_URL: 'postgres://mash_health_owner@db/mash_health' }),
    ).toThrow(
      new ConfigError([
        'HEALTH_OWNER_DATABASE_URL: needs HEALTH_DATABASE_URL, the service role the subgraph serves as',
      ]),
    );
  });

  it('gives each subgraph its own database on one server from DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://me@db.example:5432/mash' });
    expect(
      Object.values(config.subgraphs).map((s) => s.database.kind === 'postgres' && s.database.url),
    ).toEqual([
      'postgres://me@db.example:5432/mash_socialcare',
      'postgres://me@db.example:5432/mash_police',
      'postgres://me@db.example:5432/mash_health',
      'postgres://me@db.example:5432/mash_education',
      'postgres://me@db.example:5432/mash_probation',
    ]);
  });

  it('lets one subgraph database URL override the shared server', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://h/mash',
      HEALTH_DATABASE_URL: 'postgres://nhs-host/health',
    });
    expect(config.subgraphs.health.database).toEqual({
      kind: 'postgres',
      url: 'postgres://nhs-host/health',
    });
  });

  it('defaults to the documented ports and derives the subgraph URLs from them', () => {
    const config = loadConfig({});
    expect([config.gateway.port, config.gateway.subgraphUrls]).toEqual([
      4000,
      {
        socialcare: 'http://127.0.0.1:4001/graphql',
        police: 'http://127.0.0.1:4002/graphql',
        health: 'http://127.0.0.1:4003/graphql',
        education: 'http://127.0.0.1:4004/graphql',
        probation: 'http://127.0.0.1:4006/graphql',
      },
    ]);
  });

  it("defaults each user's share of the gateway to 6 requests at once and 120 a minute", () => {
    expect(loadConfig({}).gateway.userLimits).toEqual({
      maxConcurrent: 6,
      rate: 120,
      windowSeconds: 60,
    });
  });

  it("takes each user's share of the gateway from the environment, 0 turning a limit off", () => {
    expect(
      loadConfig({
        GATEWAY_USER_MAX_CONCURRENT: '0',
        GATEWAY_USER_RATE: '30',
        GATEWAY_USER_RATE_WINDOW_SECONDS: '10',
      }).gateway.userLimits,
    ).toEqual({ maxConcurrent: 0, rate: 30, windowSeconds: 10 });
  });

  it("refuses a user's share that is no whole number, or a window of 0", () => {
    expect(() =>
      loadConfig({
        GATEWAY_USER_MAX_CONCURRENT: '-1',
        GATEWAY_USER_RATE: '1.5',
        GATEWAY_USER_RATE_WINDOW_SECONDS: '0',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'GATEWAY_USER_MAX_CONCURRENT: Too small: expected number to be >=0',
          'GATEWAY_USER_RATE: Invalid input: expected int, received number',
          'GATEWAY_USER_RATE_WINDOW_SECONDS: Too small: expected number to be >=1',
        ],
      }),
    );
  });

  it('reports every invalid setting at once, naming each', () => {
    let caught: unknown;
    try {
      loadConfig({ GATEWAY_PORT: 'abc', POLICE_PORT: '70000', DATABASE_URL: 'mysql://x/y' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'GATEWAY_PORT',
      'POLICE_PORT',
    ]);
  });
});

describe("a partner subgraph's own settings", () => {
  it('takes the match thresholds from the environment, defaulting to the documented ones', () => {
    expect([
      loadPartnerSettings({}).matchThresholds,
      loadPartnerSettings({ MATCH_PROBABLE_SCORE: '17', MATCH_POSSIBLE_SCORE: '12' })
        .matchThresholds,
    ]).toEqual([
      { probable: 15, possible: 10 },
      { probable: 17, possible: 12 },
    ]);
  });

  it('refuses a POSSIBLE threshold at or above the PROBABLE one', () => {
    expect(() =>
      loadPartnerSettings({ MATCH_PROBABLE_SCORE: '12', MATCH_POSSIBLE_SCORE: '12' }),
    ).toThrow(/MATCH_POSSIBLE_SCORE: must be below MATCH_PROBABLE_SCORE/);
  });

  it('names a score that is no whole number from 1 to 20', () => {
    expect(() => loadPartnerSettings({ MATCH_PROBABLE_SCORE: '21' })).toThrow(
      /MATCH_PROBABLE_SCORE: /,
    );
  });

  it('are no concern of the shared settings, which accept any of them', () => {
    expect(() => loadConfig({ MATCH_PROBABLE_SCORE: '99' })).not.toThrow();
  });
});

describe("socialcare's own settings", () => {
  it('default to the documented RAG targets, no suppression, visits every 10 working days', () => {
    expect(loadSocialcareSettings({})).toEqual({
      ragTargets: { RED: 4, AMBER: 24, GREEN: 72, BLUE: null },
      analyticsSuppressBelow: 0,
      cpVisitWorkingDays: 10,
      pseudonymKey: null,
      breakGlassDailyAllowance: 10,
    });
  });

  it('turns small-number suppression off by default and takes a threshold from 0 to 100', () => {
    expect(
      [{}, { ANALYTICS_SUPPRESS_BELOW: '5' }, { ANALYTICS_SUPPRESS_BELOW: '100' }].map(
        (env) => loadSocialcareSettings(env).analyticsSuppressBelow,
      ),
    ).toEqual([0, 5, 100]);
  });

  it.each(['-1', '101', '2.5', 'five'])('refuses ANALYTICS_SUPPRESS_BELOW=%s', (value) => {
    expect(() => loadSocialcareSettings({ ANALYTICS_SUPPRESS_BELOW: value })).toThrow(
      /ANALYTICS_SUPPRESS_BELOW: /,
    );
  });

  it('takes an authority RAG profile and names each bad part of one', () => {
    expect(loadSocialcareSettings({ RAG_RESPONSE_HOURS: 'RED:2' }).ragTargets.RED).toBe(2);
    expect(() => loadSocialcareSettings({ RAG_RESPONSE_HOURS: 'RED:2,PURPLE:3' })).toThrow(
      /RAG_RESPONSE_HOURS: "PURPLE:3": PURPLE is not a rating/,
    );
  });

  it('refuses a pseudonym key shorter than 32 characters and a visit frequency of 0', () => {
    let caught: unknown;
    try {
      loadSocialcareSettings({ PSEUDONYM_KEY: 'short', CP_VISIT_WORKING_DAYS: '0' });
    } catch (error) {
      caught = error;
    }
    expect((caught as ConfigError).problems).toEqual([
      expect.stringMatching(/^CP_VISIT_WORKING_DAYS: /),
      'PSEUDONYM_KEY: must be at least 32 characters',
    ]);
  });
});

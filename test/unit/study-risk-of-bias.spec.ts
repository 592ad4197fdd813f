/**
 * A study's risk-of-bias judgement as written: a reason is required with a judgement and refused
 * without one; and the seeded judgements each quote the study's own record.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { RiskOfBias } from '../../src/graphql.schema';
import { loadCuration, SEEDS_DIR } from '../../src/seed/curation';
import { riskOfBias } from '../../src/studies/studies.service';

describe('riskOfBias (a judgement and its reason)', () => {
  it('defaults to NOT_ASSESSED with no reason', () => {
    expect(riskOfBias(undefined, undefined, 'input')).toEqual({
      riskOfBias: RiskOfBias.NOT_ASSESSED,
      riskOfBiasReason: null,
    });
  });

  it('requires a reason with a judgement, naming the field', () => {
    for (const j of [RiskOfBias.LOW, RiskOfBias.SOME_CONCERNS, RiskOfBias.HIGH]) {
      expect(() => riskOfBias(j, null, 'input')).toThrow(
        `input.riskOfBiasReason: is required when riskOfBias is ${j}`,
      );
      expect(riskOfBias(j, 'open-label', 'input')).toEqual({
        riskOfBias: j,
        riskOfBiasReason: 'open-label',
      });
    }
  });

  it('refuses a reason without a judgement', () => {
    expect(() => riskOfBias(RiskOfBias.NOT_ASSESSED, 'why', 'input')).toThrow(
      'input.riskOfBiasReason: must be empty when NOT_ASSESSED',
    );
  });
});

describe('seeded risk-of-bias judgements', () => {
  const file = JSON.parse(
    readFileSync(join(SEEDS_DIR, 'curation', 'risk-of-bias.json'), 'utf8'),
  ) as Array<{ studyId: string; judgement: RiskOfBias; reason: string; source: string }>;
  const studies = new Map(loadCuration().studies.map((s) => [s.id, s]));

  it('are loaded onto their studies, every other study NOT_ASSESSED', () => {
    const judged = new Set(file.map((j) => j.studyId));
    for (const s of studies.values()) {
      if (judged.has(s.id)) continue;
      expect([s.id, s.riskOfBias, s.riskOfBiasReason]).toEqual([s.id, 'NOT_ASSESSED', null]);
    }
    for (const j of file)
      expect(studies.get(j.studyId)).toMatchObject({
        riskOfBias: j.judgement,
        riskOfBiasReason: j.reason,
      });
  });

  it('each quote the study record they were read from', () => {
    for (const j of file) {
      const s = studies.get(j.studyId)!;
      const quoted = [...j.source.matchAll(/"([^"]+?)(?: \.\.\.)?"/g)].map((m) =>
        m[1].replace(/^\.\.\. /, ''),
      );
      expect([j.studyId, quoted.length > 0]).toEqual([j.studyId, true]);
      for (const q of quoted)
        expect([j.studyId, `${s.population} ${s.finding}`.includes(q)]).toEqual([j.studyId, true]);
    }
  });
});

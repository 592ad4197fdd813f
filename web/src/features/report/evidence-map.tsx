import * as Plot from '@observablehq/plot';
import { useEffect, useMemo, useRef } from 'react';
import type { Hedging } from '../../gql/graphql';
import { GRADE_LABEL, GRADE_ORDER, HEDGING_LABEL, STATUS_LABEL } from '../../shared/labels';
import type { ReportClaim } from './report-page';

/** How firmly the sources word a claim, 0 (all hedged) to 1 (all stated as fact). */
const FIRMNESS: Record<Hedging, number> = { ASSERTIVE: 1, ATTRIBUTED: 0.5, HEDGED: 0 };

export function assertiveness(c: ReportClaim): number | null {
  if (!c.statements.length) return null;
  return c.statements.reduce((sum, s) => sum + FIRMNESS[s.hedging], 0) / c.statements.length;
}

interface Point {
  id: string;
  text: string;
  x: number;
  y: number;
  grade: string;
  status: string;
  overclaimed: boolean;
}

/**
 * One mark per claim: wording (x) against the grade of its evidence (y). Overclaims sit at the
 * bottom right and are drawn as red triangles. The table below says the same in words.
 */
export default function EvidenceMap({ claims }: { claims: ReportClaim[] }) {
  const box = useRef<HTMLDivElement>(null);
  const points = useMemo<Point[]>(
    () =>
      claims.map((c, i) => ({
        id: c.claim.id,
        text: c.claim.text,
        // A small fixed offset per claim keeps equal claims from hiding each other.
        x: (assertiveness(c) ?? 0) + ((i % 5) - 2) * 0.012,
        y: GRADE_ORDER.indexOf(c.grade) + ((i % 3) - 1) * 0.08,
        grade: GRADE_LABEL[c.grade],
        status: STATUS_LABEL[c.status],
        overclaimed: c.overclaimed,
      })),
    [claims],
  );
  useEffect(() => {
    const node = box.current;
    if (!node) return;
    const width = Math.max(300, Math.min(node.clientWidth || 640, 760));
    const chart = Plot.plot({
      width,
      height: 280,
      marginLeft: 80,
      x: {
        domain: [-0.05, 1.05],
        label: 'How firmly sources word it →',
        ticks: [0, 0.5, 1],
        tickFormat: (d: number) => (d === 0 ? 'hedged' : d === 1 ? 'as fact' : 'mixed'),
      },
      y: {
        domain: [-0.4, 4.4],
        label: '↑ Evidence grade',
        ticks: [0, 1, 2, 3, 4],
        tickFormat: (d: number) => GRADE_LABEL[GRADE_ORDER[d] ?? 'NONE'],
      },
      marks: [
        Plot.rect([{}], { x1: 0.66, x2: 1.05, y1: -0.4, y2: 2.5, fill: '#fdecea' }),
        Plot.text([{}], {
          x: 0.85,
          y: 2.3,
          text: () => 'overclaim zone',
          fill: '#8a1c12',
          fontSize: 11,
        }),
        Plot.dot(points, {
          x: 'x',
          y: 'y',
          r: 6,
          symbol: (d: Point) => (d.overclaimed ? 'triangle' : 'circle'),
          fill: (d: Point) => (d.overclaimed ? '#b3261e' : '#1f5fa8'),
          stroke: 'white',
          title: (d: Point) =>
            `${d.text}\n${d.status}, evidence ${d.grade}${d.overclaimed ? ', overclaimed' : ''}`,
        }),
      ],
    });
    chart.setAttribute('aria-hidden', 'true');
    node.replaceChildren(chart);
    return () => chart.remove();
  }, [points]);
  const described = claims.filter((c) => c.overclaimed).length;
  return (
    <figure className="evidence-map">
      <div ref={box} className="chart" data-testid="evidence-map" />
      <figcaption>
        Each mark is a claim: further right, the sources word it more firmly; higher up, better
        evidence. {described} {described === 1 ? 'claim is' : 'claims are'} overclaimed (red
        triangles: worded as fact, evidence low or below).
      </figcaption>
      <details>
        <summary>The evidence map as a table</summary>
        <div className="table-wrap">
          <table>
            <caption>Claims, how they are worded and how well they are supported</caption>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Wording</th>
                <th scope="col">Evidence grade</th>
                <th scope="col">Status</th>
                <th scope="col">Overclaimed</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => {
                const a = assertiveness(c);
                const words = [...new Set(c.statements.map((s) => HEDGING_LABEL[s.hedging]))].join(
                  ', ',
                );
                return (
                  <tr key={c.claim.id}>
                    <td>{c.claim.text}</td>
                    <td>
                      {a === null ? 'no statement' : `${Math.round(a * 100)}% firm (${words})`}
                    </td>
                    <td>{GRADE_LABEL[c.grade]}</td>
                    <td>{STATUS_LABEL[c.status]}</td>
                    <td>{c.overclaimed ? 'yes' : 'no'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

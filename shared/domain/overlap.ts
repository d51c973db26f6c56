import { programLabels, type Program } from './programs';

/**
 * What may not be combined, checked when an application is entered (domain.md,
 * "Not combined with"). A forbidden combination is refused outright; a
 * combination where the higher benefit is paid (就高不就低) is accepted but
 * flagged so the clerk records a decision. The 待办预警 checks catch the same
 * combinations when they arise later (a person becomes 特困 after applying).
 */
export interface OverlapFacts {
  tekun: 'none' | 'centralized' | 'dispersed';
  dibao: 'none' | 'urban' | 'rural' | 'edge';
  injuryCare: boolean;
  /** Programs in which the person already has an enrolment that is not stopped or rejected. */
  openPrograms: readonly Program[];
}

export type OverlapCode =
  'OVERLAP_CHILD_LIVING' | 'OVERLAP_TEKUN_LIVING' | 'OVERLAP_INJURY_CARE' | 'OVERLAP_CENTRALIZED_CARE';

export interface OverlapVerdict {
  refused: { code: OverlapCode; message: string } | null;
  /** Chinese notes of what needs a 就高不就低 decision; empty when nothing does. */
  decisions: string[];
}

const isChild = (p: Program) => p === 'orphan' || p === 'unattended-child';

export function overlapAtEntry(program: Program, facts: OverlapFacts): OverlapVerdict {
  const refuse = (code: OverlapCode, message: string): OverlapVerdict => ({
    refused: { code, message },
    decisions: [],
  });
  const child = facts.openPrograms.find(isChild);
  switch (program) {
    case 'disability-living':
      if (child)
        return refuse(
          'OVERLAP_CHILD_LIVING',
          `已享受${programLabels[child]}，不能再申请困难残疾人生活补贴（不可兼得）`,
        );
      if (facts.tekun !== 'none')
        return refuse('OVERLAP_TEKUN_LIVING', '特困供养人员不能申请困难残疾人生活补贴（不可兼得）');
      return { refused: null, decisions: [] };
    case 'disability-care':
      if (facts.injuryCare)
        return refuse('OVERLAP_INJURY_CARE', '已领取工伤保险生活护理费，不能再申请重度残疾人护理补贴（不可兼得）');
      if (facts.tekun === 'centralized')
        return refuse('OVERLAP_CENTRALIZED_CARE', '特困人员集中供养由机构提供照料，不能申请重度残疾人护理补贴');
      return { refused: null, decisions: [] };
    case 'orphan':
    case 'unattended-child': {
      if (facts.openPrograms.includes('disability-living')) {
        return refuse(
          'OVERLAP_CHILD_LIVING',
          `已享受困难残疾人生活补贴，不能再申请${programLabels[program]}（不可兼得），请先终止生活补贴`,
        );
      }
      const decisions: string[] = [];
      if (facts.dibao === 'urban' || facts.dibao === 'rural') decisions.push('同时享受低保');
      if (facts.tekun !== 'none') decisions.push('同时享受特困供养');
      if (facts.openPrograms.includes('disability-care')) decisions.push('同时享受重度残疾人护理补贴');
      return {
        refused: null,
        decisions: decisions.length ? [`${decisions.join('、')}：须按就高不就低原则决定只补差额或放弃其中一项`] : [],
      };
    }
    case 'elderly':
      return { refused: null, decisions: [] };
  }
}

// UN Secretariat grades from the highest to the lowest. "P-4 and above" means P-4 and every grade
// before it in this list. National Officer and Field Service grades are not modelled yet.
export const GRADES = [
  'SG',
  'DSG',
  'USG',
  'ASG',
  'D-2',
  'D-1',
  'P-5',
  'P-4',
  'P-3',
  'P-2',
  'P-1',
  'G-7',
  'G-6',
  'G-5',
  'G-4',
  'G-3',
  'G-2',
  'G-1',
] as const;

export type Grade = (typeof GRADES)[number];

const RANK = new Map<string, number>(GRADES.map((g, i) => [g, GRADES.length - i]));

export function isGrade(text: string): text is Grade {
  return RANK.has(text);
}

/** Higher number = more senior; undefined for an unknown grade. */
export function gradeRank(grade: string): number | undefined {
  return RANK.get(grade);
}

export function gradesAtOrAbove(grade: Grade): Grade[] {
  return GRADES.slice(0, GRADES.indexOf(grade) + 1);
}

export function gradesAtOrBelow(grade: Grade): Grade[] {
  return GRADES.slice(GRADES.indexOf(grade));
}

/**
 * The grader's public API: grade a session, render the report.
 */
export { gradeSession } from "./grade-session.js";
export { renderReport } from "./report.js";
export type { Grade, GradeInput, GradedCommand, BreakdownLine, TimelineEntry, Category, Phase, CommandTag } from "./types.js";
export { CATEGORIES, PHASES } from "./types.js";
export { sessionMilestones } from "./milestones.js";
export type { Milestone, MilestoneKind } from "./milestones.js";

import type { Component } from 'vue';
import { Bell, Box, DataLine, Document, EditPen, Files, Finished, Guide, Histogram, Key, MapLocation, OfficeBuilding, Pouring, Share, Stamp, Trophy, Upload, User } from '@element-plus/icons-vue';

/** The menu's icons, by navigation item name. */
export const navIcons: Record<string, Component> = {
  tasks: Bell,
  approvals: Stamp,
  intake: EditPen,
  cases: Files,
  dashboard: DataLine,
  map: MapLocation,
  evaluation: Trophy,
  reports: Document,
  review: Finished,
  reviewRounds: Histogram,
  users: User,
  departments: OfficeBuilding,
  grids: Upload,
  dispatchRules: Guide,
  components: Box,
  waterlogging: Pouring,
  apiKeys: Key,
  processes: Share,
};

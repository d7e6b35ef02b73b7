import type { Component } from 'vue';
import { Bell, DataLine, EditPen, Files, Key, MapLocation, OfficeBuilding, Share, Stamp, Upload, User } from '@element-plus/icons-vue';

/** The menu's icons, by navigation item name. */
export const navIcons: Record<string, Component> = {
  tasks: Bell,
  approvals: Stamp,
  intake: EditPen,
  cases: Files,
  dashboard: DataLine,
  map: MapLocation,
  users: User,
  departments: OfficeBuilding,
  grids: Upload,
  apiKeys: Key,
  processes: Share,
};

import type { Role } from './access.policy.js';

export const ROLE_LABELS: Record<Role, string> = {
  district_admin: '区级管理员',
  street_staff: '街道工作人员',
  community_worker: '社区工作者',
  grid_worker: '网格员',
  branch_secretary: '小区党支部书记',
  department_staff: '职能部门',
  social_worker: '社工',
  social_org: '社会组织',
  resident: '居民',
  minor_station_head: '未保站站长',
  minor_centre: '市未成年人保护中心',
  purchase_agent: '项目招募方',
  juror: '评审专家',
};

-- Default grants (users.policy.ts DEFAULT_GRANTS) for districts that already exist; new districts are seeded by initDistrict.
insert into user_grants (district_id, granter_role, target_role, unit_kind, may_create, may_reset, may_disable)
select d.id, g.granter_role, g.target_role, g.unit_kind, g.may_create, g.may_reset, g.may_disable
from districts d cross join (values
  ('district_admin', 'district_admin', 'district', true, true, true),
  ('district_admin', 'street_staff', 'street', true, true, true),
  ('district_admin', 'street_staff', 'township', true, true, true),
  ('district_admin', 'community_worker', 'community', true, true, true),
  ('district_admin', 'community_worker', 'village', true, true, true),
  ('district_admin', 'grid_worker', 'compound', true, true, true),
  ('district_admin', 'branch_secretary', 'compound', true, true, true),
  ('district_admin', 'department_staff', 'district', true, true, true),
  ('district_admin', 'social_org', 'district', true, true, true),
  ('district_admin', 'social_org', 'street', true, true, true),
  ('district_admin', 'social_org', 'township', true, true, true),
  ('district_admin', 'resident', 'compound', true, true, true),
  ('district_admin', 'purchase_agent', 'district', true, true, true),
  ('district_admin', 'juror', 'district', true, true, true),
  ('street_staff', 'street_staff', 'street', true, true, true),
  ('street_staff', 'street_staff', 'township', true, true, true),
  ('street_staff', 'grid_worker', 'compound', true, true, true),
  ('street_staff', 'branch_secretary', 'compound', true, true, true),
  ('street_staff', 'resident', 'compound', true, true, true),
  ('street_staff', 'social_org', 'street', true, true, true),
  ('street_staff', 'social_org', 'township', true, true, true),
  ('minor_centre', 'minor_centre', 'district', true, true, true),
  ('minor_centre', 'minor_station_head', 'street', true, true, true),
  ('minor_centre', 'minor_station_head', 'township', true, true, true),
  ('minor_centre', 'social_worker', 'street', true, true, true),
  ('minor_centre', 'social_worker', 'township', true, true, true),
  ('minor_centre', 'social_worker', 'community', true, true, true),
  ('minor_centre', 'social_worker', 'village', true, true, true)
) as g(granter_role, target_role, unit_kind, may_create, may_reset, may_disable)
on conflict do nothing;

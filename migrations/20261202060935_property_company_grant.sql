-- The district administrator opens property-company accounts (accounts.access.ts DEFAULT_GRANTS) in districts that already exist.
insert into user_grants (district_id, granter_role, target_role, unit_kind, may_create, may_reset, may_disable)
select d.id, 'district_admin', 'property_company', 'district', true, true, true from districts d
on conflict do nothing;

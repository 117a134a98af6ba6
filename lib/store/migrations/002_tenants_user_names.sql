-- The name a person gives when they accept an invitation (shown to their tenant's admins).
alter table users add column name text check (length(name) between 1 and 200);

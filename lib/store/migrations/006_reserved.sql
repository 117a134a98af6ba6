-- Placeholder on branch `inbox` only: version 6 belongs to another branch's migration, which
-- replaces this file when the branches are merged (migrations must be numbered without gaps).
select 1;

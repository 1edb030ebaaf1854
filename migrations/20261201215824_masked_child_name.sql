-- A masked file carries nothing of the child's name: the stored masked form ('张**') had the surname and the length.
UPDATE "minor_cases" SET "name_masked" = '受保护未成年人' WHERE "name_masked" <> '受保护未成年人';

-- Sessions carry how far their branch is ahead of and behind its upstream (null: no upstream or unknown).
ALTER TABLE sessions ADD COLUMN git_ahead INTEGER;
ALTER TABLE sessions ADD COLUMN git_behind INTEGER;

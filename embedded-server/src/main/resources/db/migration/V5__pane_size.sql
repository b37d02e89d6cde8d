-- Sessions carry their pane's size in cells, as agentd last reported it (null: not reported).
ALTER TABLE sessions ADD COLUMN tmux_cols INTEGER;
ALTER TABLE sessions ADD COLUMN tmux_rows INTEGER;

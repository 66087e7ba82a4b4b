"""SQL migrations, one file per schema version: `NNNN_name.sql` brings an image to version NNNN."""

"""Scale-out: coding on a Dask cluster, and coded results as a partitioned Parquet dataset."""

from .parquet import FORMAT_VERSION, DatasetWriter, load_dataset, read_dataset

__all__ = ["FORMAT_VERSION", "DatasetWriter", "load_dataset", "read_dataset"]

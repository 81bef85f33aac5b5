"""No Azure ML in sight: a data_references attribute or a path(...).as_download() of another
library (the SDK's own generated REST models look like this) is no legacy data reference."""


class RunConfigurationModel:
    def __init__(self, refs=None):
        self.data_references = refs


def build(doc, disk):
    doc.data_references = []
    doc.data_references["x"] = 1
    return disk.path("a").as_download(), disk.path("b").as_mount()

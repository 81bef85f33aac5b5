"""The SDK's framework scenarios: what a framework estimator's full image build installs.

Written from ``azureml/train/estimator/scenarios/<framework>-<version>-<cpu|gpu>.yml`` of
azureml-train-core 1.62 (``tests/test_rewrite_sdk.py`` checks every entry against the installed
SDK). Every scenario pins ``python=3.6.2`` and starts its pip list with ``azureml-defaults``;
the table keeps the base image and the packages after that.
"""

from __future__ import annotations

from typing import Dict, Optional, Tuple

SCENARIO_PYTHON = "python=3.6.2"
SCENARIO_DEFAULT_PIP = "azureml-defaults"
#: the version a framework estimator uses when framework_version is not given
DEFAULT_VERSIONS: Dict[str, str] = {"PyTorch": "1.4", "TensorFlow": "1.13", "Chainer": "5.1.0", "SKLearn": "0.20.3"}
#: where the estimator finds prebuilt framework images (``<framework>:<version>-<processor>``)
PREBUILT_REGISTRY = "viennaprivate.azurecr.io"
#: AmlCompute regions where the estimator never used a prebuilt image
NON_CACHED_REGIONS = ("chinaeast2", "usgovarizona", "usgovvirginia", "usnateast", "usnatwest")

#: (framework, version, processor) -> (base image, pip packages after azureml-defaults)
SCENARIOS: Dict[Tuple[str, str, str], Tuple[str, Tuple[str, ...]]] = {
    ("Chainer", "5.1.0", "cpu"): (
        "mcr.microsoft.com/azureml/base:intelmpi2018.3-ubuntu16.04",
        ('chainer==5.1.0', 'mpi4py==3.0.0',)),
    ("Chainer", "5.1.0", "gpu"): (
        "mcr.microsoft.com/azureml/base-gpu:intelmpi2018.3-cuda9.0-cudnn7-ubuntu16.04",
        ('chainer==5.1.0', 'mpi4py==3.0.0', 'cupy-cuda90==5.2.0',)),
    ("Chainer", "7.0.0", "cpu"): (
        "mcr.microsoft.com/azureml/base:intelmpi2018.3-ubuntu16.04",
        ('chainer==7.0.0', 'mpi4py==3.0.0',)),
    ("Chainer", "7.0.0", "gpu"): (
        "mcr.microsoft.com/azureml/base-gpu:intelmpi2018.3-cuda9.0-cudnn7-ubuntu16.04",
        ('chainer==7.0.0', 'mpi4py==3.0.0', 'cupy-cuda90==7.0.0',)),
    ("PyTorch", "1.0", "cpu"): (
        "mcr.microsoft.com/azureml/base:intelmpi2018.3-ubuntu16.04",
        ('torch==1.0', 'torchvision==0.4.1', 'horovod==0.18.1',)),
    ("PyTorch", "1.0", "gpu"): (
        "mcr.microsoft.com/azureml/base-gpu:openmpi3.1.2-cuda10.0-cudnn7-ubuntu16.04",
        ('torch==1.0', 'torchvision==0.4.1', 'horovod==0.18.1',)),
    ("PyTorch", "1.1", "cpu"): (
        "mcr.microsoft.com/azureml/base:intelmpi2018.3-ubuntu16.04",
        ('torch==1.1', 'torchvision==0.4.1', 'horovod==0.18.1', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.1", "gpu"): (
        "mcr.microsoft.com/azureml/base-gpu:openmpi3.1.2-cuda10.0-cudnn7-ubuntu16.04",
        ('torch==1.1', 'torchvision==0.4.1', 'horovod==0.18.1', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.2", "cpu"): (
        "mcr.microsoft.com/azureml/base:intelmpi2018.3-ubuntu16.04",
        ('torch==1.2', 'torchvision==0.4.1', 'horovod==0.18.1', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.2", "gpu"): (
        "mcr.microsoft.com/azureml/base-gpu:openmpi3.1.2-cuda10.0-cudnn7-ubuntu16.04",
        ('torch==1.2', 'torchvision==0.4.1', 'horovod==0.18.1', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.3", "cpu"): (
        "mcr.microsoft.com/azureml/base:intelmpi2018.3-ubuntu16.04",
        ('torch==1.3.1', 'torchvision==0.4.1', 'horovod==0.18.1', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.3", "gpu"): (
        "mcr.microsoft.com/azureml/base-gpu:openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04",
        ('torch==1.3.1', 'torchvision==0.4.1', 'horovod==0.18.1', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.4", "cpu"): (
        "mcr.microsoft.com/azureml/base:openmpi3.1.2-ubuntu16.04",
        ('torch==1.4.0', 'torchvision==0.5.0', 'horovod==0.18.1', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.4", "gpu"): (
        "mcr.microsoft.com/azureml/base-gpu:openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04",
        ('torch==1.4.0', 'torchvision==0.5.0', 'horovod==0.18.1', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.5", "cpu"): (
        "mcr.microsoft.com/azureml/base:openmpi3.1.2-ubuntu16.04",
        ('torch==1.5.0', 'torchvision==0.5.0', 'horovod==0.19.1', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.5", "gpu"): (
        "mcr.microsoft.com/azureml/base-gpu:openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04",
        ('torch==1.5.0', 'torchvision==0.5.0', 'horovod==0.19.1', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.6", "cpu"): (
        "mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu16.04",
        ('torch==1.6.0', 'torchvision==0.5.0', 'horovod==0.19.5', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("PyTorch", "1.6", "gpu"): (
        "mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04",
        ('torch==1.6.0', 'torchvision==0.5.0', 'horovod==0.19.5', 'tensorboard==1.14.0', 'future==0.17.1',)),
    ("SKLearn", "0.20.3", "cpu"): (
        "mcr.microsoft.com/azureml/intelmpi2018.3-ubuntu16.04:20200423.v1",
        ('scikit-learn==0.20.3', 'scipy==1.2.1', 'joblib==0.13.2',)),
    ("TensorFlow", "1.10", "cpu"): (
        "mcr.microsoft.com/azureml/intelmpi2018.3-ubuntu16.04:20200423.v1",
        ('azureml-dataset-runtime[fuse,pandas]', 'tensorflow==1.10.0', 'horovod==0.15.2',)),
    ("TensorFlow", "1.10", "gpu"): (
        "mcr.microsoft.com/azureml/intelmpi2018.3-cuda9.0-cudnn7-ubuntu16.04:20200704.v1",
        ('azureml-dataset-runtime[fuse,pandas]', 'tensorflow-gpu==1.10.0', 'horovod==0.15.2',)),
    ("TensorFlow", "1.12", "cpu"): (
        "mcr.microsoft.com/azureml/intelmpi2018.3-ubuntu16.04:20200423.v1",
        ('azureml-dataset-runtime[fuse,pandas]', 'tensorflow==1.12.0', 'horovod==0.15.2',)),
    ("TensorFlow", "1.12", "gpu"): (
        "mcr.microsoft.com/azureml/intelmpi2018.3-cuda9.0-cudnn7-ubuntu16.04:20200704.v1",
        ('azureml-dataset-runtime[fuse,pandas]', 'tensorflow-gpu==1.12.0', 'horovod==0.15.2',)),
    ("TensorFlow", "1.13", "cpu"): (
        "mcr.microsoft.com/azureml/intelmpi2018.3-ubuntu16.04:20200423.v1",
        ('azureml-dataset-runtime[fuse,pandas]', 'tensorflow==1.13.1', 'horovod==0.16.1',)),
    ("TensorFlow", "1.13", "gpu"): (
        "mcr.microsoft.com/azureml/intelmpi2018.3-cuda10.0-cudnn7-ubuntu16.04:20200704.v1",
        ('azureml-dataset-runtime[fuse,pandas]', 'tensorflow-gpu==1.13.1', 'horovod==0.16.1',)),
    ("TensorFlow", "2.0", "cpu"): (
        "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20200423.v1",
        ('azureml-dataset-runtime[fuse,pandas]', 'tensorflow==2.0.0', 'horovod==0.18.1',)),
    ("TensorFlow", "2.0", "gpu"): (
        "mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04:20200704.v1",
        ('azureml-dataset-runtime[fuse,pandas]', 'tensorflow-gpu==2.0.0', 'horovod==0.18.1',)),
    ("TensorFlow", "2.1", "cpu"): (
        "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20200423.v1",
        ('tensorflow==2.1.0', 'horovod==0.19.1',)),
    ("TensorFlow", "2.1", "gpu"): (
        "mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04:20200423.v1",
        ('tensorflow-gpu==2.1.0', 'horovod==0.19.1',)),
    ("TensorFlow", "2.2", "cpu"): (
        "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20200423.v1",
        ('tensorflow==2.2.0', 'horovod==0.19.5',)),
    ("TensorFlow", "2.2", "gpu"): (
        "mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04:20200423.v1",
        ('tensorflow-gpu==2.2.0', 'horovod==0.19.5',)),
    ("TensorFlow", "2.3", "cpu"): (
        "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20200423.v1",
        ('tensorflow==2.3.0', 'cmake==3.18.2', 'horovod==0.20.0',)),
    ("TensorFlow", "2.3", "gpu"): (
        "mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.1-cudnn8-ubuntu20.04:20200423.v1",
        ('tensorflow-gpu==2.3.0', 'cmake==3.18.2', 'horovod==0.20.0',)),
}


def scenario(framework: str, version: Optional[str], gpu: bool) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """The scenario an estimator of ``framework`` builds, or None when the SDK has none."""
    chosen = DEFAULT_VERSIONS[framework] if version is None else version
    return SCENARIOS.get((framework, chosen, "gpu" if gpu else "cpu"))

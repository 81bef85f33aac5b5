"""Facts N7: a framework estimator's prebuilt-image environment, expanded to its full build.

``_FrameworkBaseEstimator._setup_environment`` picks, for the same framework/version/processor,
either the prebuilt image ``viennaprivate.azurecr.io/<fw>:<ver>-<cpu|gpu>`` with
user-managed dependencies (AmlCompute in a cached region, no user packages) or a full build:
the scenario file's base image and ``CondaDependencies()`` merged with the scenario's inline
dependencies. The expansion below performs that full build with the SDK's own functions
(``_load_from_scenario_file``, ``_merge_dependencies``) on a serialized run configuration.
It is an assumption (the prebuilt image's contents are not available offline).
"""

from __future__ import annotations

import json
import re
import types

FRAMEWORK_REGISTRY = "viennaprivate.azurecr.io"  # _FrameworkBaseEstimator._ACR_ADDRESS
_PREBUILT_IMAGE = re.compile(r"(?P<name>[a-z]+):(?P<version>[0-9][0-9.]*)-(?P<processor>cpu|gpu)")


def expand_prebuilt_framework_image(run_config: dict) -> None:
    """Replace a no-build prebuilt framework environment in ``run_config`` by its full build."""
    from azureml.core.conda_dependencies import CondaDependencies
    from azureml.train.estimator._framework_base_estimator import _FrameworkBaseEstimator

    environment = run_config.get("environment") or {}
    docker, python = environment.get("docker") or {}, environment.get("python") or {}
    registry = docker.get("baseImageRegistry") or {}
    image = _PREBUILT_IMAGE.fullmatch(docker.get("baseImage") or "")
    if not (image and registry.get("address") == FRAMEWORK_REGISTRY
            and python.get("userManagedDependencies") and not python.get("baseCondaEnvironment")):
        return
    scenario = types.SimpleNamespace(_framework_name=image["name"], _framework_version=image["version"],
                                     _framework_processor=image["processor"])
    base_image, framework_dependencies = _FrameworkBaseEstimator._load_from_scenario_file(scenario)
    dependencies = CondaDependencies()
    if python.get("condaDependencies") != _plain(dependencies._conda_dependencies):
        return  # the SDK only takes the no-build path without user packages
    dependencies._merge_dependencies(framework_dependencies)
    docker["baseImage"] = base_image
    registry["address"] = None
    python["userManagedDependencies"] = False
    python["condaDependencies"] = _plain(dependencies._conda_dependencies)


def _plain(structure):
    return json.loads(json.dumps(structure))

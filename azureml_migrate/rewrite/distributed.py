"""The estimator's distributed parameters as a ``distributed_job_config`` that runs the same job.

What each parameter did is in the SDK facts (section 3, distributed rows, and quirks Q1, Q8,
Q9): ``process_count_per_node`` counted only with ``distributed_backend='mpi'``, a
``PyTorchConfiguration`` passed as ``distributed_training`` was ignored, the node count came
from ``node_count`` alone, and the deprecated helpers spelled their communicator differently.
"""

from __future__ import annotations

from typing import Optional

from ..facts import CallFact, Value
from .code import Blocked, source_code

_RUNCONFIG = "azureml.core.runconfig"
_HELPER_SPELLING = ("the service runs the deprecated helper's communicator {old!r} as {new!r} "
                    "(the SDK's own deprecation message points {helper} to {replacement})")


def distributed_job_config(call: CallFact, plan) -> Optional[str]:
    """The ``distributed_job_config=`` expression, or None; node counts the configuration
    cannot carry go to ``plan.after`` as ``run_config.node_count``."""
    nodes = call.argument("node_count")
    backend = call.argument("distributed_backend")
    training = call.argument("distributed_training")
    if training is not None and not _none(training):
        return _from_training(call, plan, training, nodes)
    if backend is not None and not _none(backend):
        if not (backend.is_literal and isinstance(backend.literal, str)):
            raise Blocked(f"distributed_backend={source_code(backend)} is not a literal: the distributed "
                          "configuration depends on it")
        return _from_backend(call, plan, backend.literal.lower(), nodes)
    _keep_node_count(plan, nodes)
    return None


def _none(value: Value) -> bool:
    return value.is_literal and value.literal is None


def _node_code(nodes: Optional[Value]) -> str:
    return "1" if nodes is None or _none(nodes) else source_code(nodes)


def _keep_node_count(plan, nodes: Optional[Value], implied: str = "1") -> None:
    """``run_config.node_count`` as the estimator set it, where the configuration implies another."""
    wanted = _node_code(nodes)
    if wanted != implied:
        plan.after.append(f"{{src}}.run_config.node_count = {wanted}")


def _node_argument(plan, nodes: Optional[Value]) -> str:
    """Node counts stay out of the configuration object: the estimator left the section's own
    count at 1 and set only ``run_config.node_count``, which the rewrite sets the same way."""
    _keep_node_count(plan, nodes)
    return ""


def _from_backend(call: CallFact, plan, backend: str, nodes: Optional[Value]) -> str:
    if backend == "mpi":
        return _mpi(plan, call.argument("process_count_per_node"), nodes)
    if backend == "gloo":
        return _gloo(plan, nodes)
    if backend == "nccl":
        pytorch = plan.need(_RUNCONFIG, "PyTorchConfiguration")
        return f"{pytorch}(communication_backend={backend.capitalize()!r}{_node_argument(plan, nodes)})"
    if backend == "ps" and call.canonical == "TensorFlow":
        return _tensorflow(plan, call.argument("worker_count"), call.argument("parameter_server_count"), nodes)
    raise Blocked(f"the SDK rejects distributed_backend={backend!r} on {call.canonical}")


def _gloo(plan, nodes: Optional[Value]) -> str:
    """Gloo as the estimator sent it: the communicator Gloo, but the run configuration's pytorch
    section left at its default backend 'nccl' (the estimator never set it), which the rewrite
    sets back after PyTorchConfiguration(communication_backend='Gloo') set it to 'gloo'; so
    the job is the same whichever of the two the service reads."""
    pytorch = plan.need(_RUNCONFIG, "PyTorchConfiguration")
    configuration = f"{pytorch}(communication_backend='Gloo'{_node_argument(plan, nodes)})"
    plan.after.append("{src}.run_config.pytorch.communication_backend = 'nccl'")
    plan.part(("distributed_training", "distributed_backend"), plan.after[-1])
    return configuration


def _mpi(plan, per_node: Optional[Value], nodes: Optional[Value]) -> str:
    count = "1" if per_node is None or _none(per_node) else source_code(per_node)
    mpi = plan.need(_RUNCONFIG, "MpiConfiguration")
    return f"{mpi}(process_count_per_node={count}{_node_argument(plan, nodes)})"


def _tensorflow(plan, workers: Optional[Value], servers: Optional[Value], nodes: Optional[Value]) -> str:
    worker_code = "1" if workers is None or _none(workers) else source_code(workers)
    server_code = "1" if servers is None or _none(servers) else source_code(servers)
    tensorflow = plan.need(_RUNCONFIG, "TensorflowConfiguration")
    # ScriptRunConfig sets node_count to worker_count; the estimator kept its own node_count
    _keep_node_count(plan, nodes, implied=worker_code)
    return f"{tensorflow}(worker_count={worker_code}, parameter_server_count={server_code})"


def _from_training(call: CallFact, plan, training: Value, nodes: Optional[Value]) -> Optional[str]:
    helper = training.call.canonical if training.call is not None else None
    if helper == "Mpi":
        plan.assumptions.append(_HELPER_SPELLING.format(old="Mpi", new="IntelMpi", helper="Mpi",
                                                        replacement="MpiConfiguration"))
        return _mpi(plan, training.call.argument("process_count_per_node", 0), nodes)
    if helper == "Gloo":
        plan.assumptions.append(_HELPER_SPELLING.format(old="Gloo/pytorch", new="gloo/PyTorch", helper="Gloo",
                                                        replacement="PyTorchConfiguration"))
        return _gloo(plan, nodes)
    if helper == "Nccl":
        plan.assumptions.append(_HELPER_SPELLING.format(old="Nccl/pytorch", new="nccl/PyTorch", helper="Nccl",
                                                        replacement="PyTorchConfiguration"))
        pytorch = plan.need(_RUNCONFIG, "PyTorchConfiguration")
        return f"{pytorch}(communication_backend='Nccl'{_node_argument(plan, nodes)})"
    if helper == "ParameterServer" and call.canonical == "TensorFlow":
        plan.assumptions.append(_HELPER_SPELLING.format(old="ParameterServer/tensorflow",
                                                        new="ParameterServer/TensorFlow", helper="ParameterServer",
                                                        replacement="TensorflowConfiguration"))
        return _tensorflow(plan, training.call.argument("worker_count", 0),
                           training.call.argument("parameter_server_count", 1), nodes)
    if helper == "MpiConfiguration" or (helper == "TensorflowConfiguration" and call.canonical == "TensorFlow"):
        # the estimator took the object as it is, but its node count from node_count alone
        plan.after.append(f"{{src}}.run_config.node_count = {_node_code(nodes)}")
        return source_code(training)
    if helper == "PyTorchConfiguration":
        # the estimator ignored it (facts Q1): so does the rewrite
        _keep_node_count(plan, nodes)
        plan.part("distributed_training", f"dropped: {call.canonical} ignored a PyTorchConfiguration, so the "
                  "rewrite does not pass it")
        return None
    raise Blocked(f"distributed_training={source_code(training)} is not a distributed configuration made in this "
                  "module: what the estimator did with it depends on its type (it ignored a "
                  "PyTorchConfiguration, took a MpiConfiguration but not its node_count)")

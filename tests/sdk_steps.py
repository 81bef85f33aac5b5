"""Serialize a pipeline step (EstimatorStep, MpiStep, CommandStep, PythonScriptStep) offline.

A step is submitted as part of a pipeline graph: the service receives, for its node, the
``GraphModuleNode`` that ``_AevaGraphProvider._build_graph`` makes (run configuration JSON,
parameter assignments, input/output settings), the module the node runs
(``ModuleCreationInfo`` from ``_AevaModuleProvider.module_creation``: structured interface with
input/output/parameter definitions and the structured argument list, allow_reuse, execution
type), the snapshot of the source directory, and the edges that bind its inputs to data.

This module runs the step's own ``create_node`` on a real ``Graph`` whose context and workflow
provider are built with ``object.__new__`` and hold no service caller (any service call fails),
then feeds the node to those same SDK functions. Two things are supplied locally, each where the
service would answer: the list of known data types (``module_creation`` only checks membership;
we pass the types the module uses) and the snapshot upload (``storage_id`` becomes
``snapshot:<directory relative to the workdir>``). Edges are serialized from the objects the
input ports are bound to (a DataReference's configuration, a PipelineData's name, datastore and
mode), because ``_build_graph`` resolves them only after the service created datasource nodes.
"""

from __future__ import annotations

import json
import os
import types
from typing import Dict, List


def _offline_context(workspace, experiment, targets: Dict[str, object]):
    from azureml.pipeline.core._aeva_provider import (_AevaGraphProvider, _AevaModuleProvider,
                                                      _AevaWorkflowProvider)
    from azureml.pipeline.core._graph_context import _GraphContext

    provider = object.__new__(_AevaWorkflowProvider)
    provider.graph_provider = _AevaGraphProvider(None)
    provider.module_provider = _AevaModuleProvider(None, None)
    context = object.__new__(_GraphContext)
    context.__dict__.update(_targets=dict(targets), _experiment_name=experiment.name,
                            _experiment=experiment, _default_source_directory=os.getcwd(),
                            _workspace=workspace, _workflow_provider=provider)
    return context


def _module_creation_info(module_builder) -> dict:
    """What ``_AevaModuleProvider.create_module`` sends, through the SDK's own ``module_creation``."""
    from azureml.pipeline.core._aeva_provider import _AevaModuleProvider
    from azureml.pipeline.core._module_builder import _ModuleBuilder
    from azureml.pipeline.core._restclients.aeva.models import ModuleCreationInfo

    module_def = module_builder.module_def
    used_types = {t for port in module_def.input_port_defs for t in port.data_types}
    used_types |= {port.data_type for port in module_def.output_port_defs}
    content_path = module_builder._content_path
    captured = {}

    class SnapshotRecorder:
        @staticmethod
        def upload(directory):
            return "snapshot:" + os.path.relpath(directory)

    def creation_fn(structured_interface, storage_id, is_interface_only):
        captured["module"] = ModuleCreationInfo(
            name=module_def.name, description=module_def.description,
            is_deterministic=module_def.allow_reuse,
            module_execution_type=module_def.module_execution_type,
            structured_interface=structured_interface,
            identifier_hash=_ModuleBuilder.calculate_hash(module_def, content_path),
            storage_id=storage_id, is_interface_only=is_interface_only,
            module_type=module_def.module_type, step_type=module_def.step_type,
            runconfig=module_def.runconfig, cloud_settings=module_def.cloud_settings)
        return types.SimpleNamespace(id="offline-module")

    _AevaModuleProvider.module_creation(
        module_def, content_path, [types.SimpleNamespace(id=t) for t in sorted(used_types)],
        SnapshotRecorder(), creation_fn, None, module_builder._arguments)
    return captured["module"].serialize()


def _bound_source(source) -> dict:
    """The data an input port is bound to, as the service would resolve it."""
    from azureml.data.data_reference import DataReference
    from azureml.pipeline.core import PipelineData

    if isinstance(source, DataReference):
        from azureml.core.runconfig import _serialize_to_dict

        return {"kind": "DataReference", "data_reference_name": source.data_reference_name,
                **_serialize_to_dict(source.to_config())}
    from azureml.data.abstract_dataset import AbstractDataset
    from azureml.data.dataset_consumption_config import DatasetConsumptionConfig
    from azureml.pipeline.core.graph import PipelineDataset

    if isinstance(source, PipelineData):
        return {"kind": "PipelineData", "name": source.name,
                "datastore": getattr(source.datastore, "name", source.datastore), **_scalars(source)}
    if isinstance(source, (PipelineDataset, DatasetConsumptionConfig)):
        return {"kind": type(source).__name__, **_scalars(source), "dataset": _bound_source(source.dataset)}
    if isinstance(source, AbstractDataset):
        # what the service receives of a dataset: its saved id, registration and definition
        return {"kind": type(source).__name__, "id": source.id, "name": source.name, "version": source.version,
                "definition": str(source._definition)}
    return {"kind": type(source).__name__, "repr": repr(source)}


def _scalars(source) -> dict:
    return {name.lstrip("_"): value for name, value in vars(source).items()
            if isinstance(value, (str, bool, int, float, type(None)))}


def _edges(node) -> List[dict]:
    edges = []
    for port in node.inputs:
        edge = port.incoming_edge
        source = getattr(edge, "source", None) if edge is not None else None
        edges.append({"port": port.name, "bound_to": _bound_source(source) if source is not None
                      else None})
    return edges


def serialize_step(step, workspace, experiment, default_datastore, targets) -> dict:
    """The graph node, module and edges the step contributes to a pipeline submission."""
    from azureml.pipeline.core._aeva_provider import _AevaGraphProvider
    from azureml.pipeline.core.graph import Graph, Module

    context = _offline_context(workspace, experiment, targets)
    graph = Graph("offline-graph", context)
    node = step.create_node(graph, default_datastore, context)
    module = _module_creation_info(node._module_builder)
    edges = _edges(node)
    node._module = Module("offline-module", node._module_builder.module_def)
    saved_edges = {port.name: port._incoming_edge for port in node.inputs}
    for port in node.inputs:  # resolved by the service after it created datasource nodes
        port._incoming_edge = None
    try:
        entity = _AevaGraphProvider._build_graph(graph).serialize()
    finally:
        for port in node.inputs:
            port._incoming_edge = saved_edges[port.name]
    (module_node,) = entity["ModuleNodes"]
    run_config = json.loads(module_node.pop("Runconfig"))
    return {
        "snapshot": module.get("StorageId"),
        "run_config": run_config,
        "node": module_node,
        "module": module,
        "edges": edges,
    }

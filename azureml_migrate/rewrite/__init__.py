"""Rewrites: the fixes rules attach to their findings, computed from the facts alone.

``estimator`` turns an Estimator call into the ScriptRunConfig code that submits the same job;
``frameworks`` holds the SDK's framework scenarios that rewrite spells out.
"""

import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/tools-docker/bench';

describeCategoryThroughGateway('docker', cases);

import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/bench/tools-docker';

describeCategoryThroughGateway('docker', cases);
